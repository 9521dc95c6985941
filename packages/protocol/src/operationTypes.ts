/**
 * The types an operation carries, and nothing else: what it returns, the
 * shape of its progress `details`, and its stage names. The server's
 * `defineOperation` returns one; a frontend imports its type only
 * (`import type { userImport } from './operations'`), so no server code
 * reaches the browser.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TDetails - the shape of its progress `details`
 * @typeParam TStage - the names of its stages
 *
 * @example
 * import type { userImport } from '../server/operations';
 * const handle = client.operation<typeof userImport>(operationId);
 * const result = await handle.done; // typed from the definition
 */
export interface TypedOperation<
  TResult = unknown,
  TDetails = unknown,
  TStage extends string = string,
> {
  /** The operation type, e.g. `user-import`; snapshots and events carry it. */
  readonly type: string;
  /**
   * Types only, never set at run time: lets the helpers below read the
   * definition's result, details and stages.
   */
  readonly '~types'?: OperationTypeSlots<TResult, TDetails, TStage>;
}

/** The slots of {@link TypedOperation}'s `~types`: types only. */
export interface OperationTypeSlots<TResult, TDetails, TStage extends string> {
  /** What the operation returns when it succeeds. */
  result: TResult;
  /** The shape of its progress `details`. */
  details: TDetails;
  /** The names of its stages. */
  stage: TStage;
}

/** Whether `T` is a {@link TypedOperation} rather than a plain result type. */
export type IsTypedOperation<T> = [T] extends [never]
  ? false
  : unknown extends T
    ? false
    : '~types' extends keyof T
      ? T extends TypedOperation<unknown, unknown, string>
        ? true
        : false
      : false;

/**
 * The result type: of a {@link TypedOperation}, or `T` itself when it is a
 * plain type, so `client.operation<typeof def>()` and
 * `client.operation<{ imported: number }>()` both work.
 */
export type OperationResultOf<T> =
  IsTypedOperation<T> extends true
    ? T extends TypedOperation<infer R, unknown, string>
      ? R
      : unknown
    : T;

/** The progress details type of a {@link TypedOperation}; `unknown` for a plain type. */
export type OperationDetailsOf<T> =
  IsTypedOperation<T> extends true
    ? T extends TypedOperation<unknown, infer D, string>
      ? D
      : unknown
    : unknown;

/** The stage names of a {@link TypedOperation}; `string` for a plain type. */
export type OperationStageOf<T> =
  IsTypedOperation<T> extends true
    ? T extends TypedOperation<unknown, unknown, infer S>
      ? S
      : string
    : string;
