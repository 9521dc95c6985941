import type { Schema } from '../validation.js';

/**
 * A typed operation: its type name, the shape of its progress details and
 * result, and its stages. Pass it to `operation.track` / `operation.start`
 * instead of a type string; a frontend imports its type only.
 */
export interface OperationDefinition<
  TDetails = unknown,
  TResult = unknown,
  TStage extends string = string,
> {
  /** The operation type, e.g. `user-import`; snapshots and events carry it. */
  readonly type: string;
  /** Schema of the progress details, or `undefined` when they are not checked. */
  readonly details: Schema<TDetails> | undefined;
  /** Schema of the result, or `undefined` when it is not checked. */
  readonly result: Schema<TResult> | undefined;
  /** Declared stages, in order, or `undefined` when the operation declares none. */
  readonly stages: readonly TStage[] | undefined;
}

/** What {@link defineOperation} takes. */
export interface DefineOperationInput<TDetails, TResult, TStage extends string> {
  /** The operation type, e.g. `user-import`; snapshots and events carry it. */
  type: string;
  /** Schema of `op.progress(…, details)`; validated in development. */
  details?: Schema<TDetails>;
  /** Schema of the result; validated in development. */
  result?: Schema<TResult>;
  /** Declared stages, in order; `op.stage()` only accepts these. */
  stages?: readonly TStage[];
}

/**
 * Declares a typed operation. With `validatePayloads` on, progress details
 * and results are checked against the schemas (`invalid_payload`), and
 * `op.stage()` accepts only the declared stages.
 *
 * @example
 * export const userImport = defineOperation({
 *   type: 'user-import',
 *   details: z.object({ processed: z.number() }),
 *   result: z.object({ imported: z.number() }),
 *   stages: ['parsing', 'importing'] as const,
 * });
 */
export function defineOperation<
  TDetails = unknown,
  TResult = unknown,
  const TStage extends string = string,
>(
  input: DefineOperationInput<TDetails, TResult, TStage>,
): OperationDefinition<TDetails, TResult, TStage> {
  return {
    type: input.type,
    details: input.details,
    result: input.result,
    stages: input.stages,
  };
}

/** The result type of an operation definition. */
export type inferOperationResult<T> =
  T extends OperationDefinition<unknown, infer R, string> ? R : never;
/** The progress details type of an operation definition. */
export type inferOperationDetails<T> =
  T extends OperationDefinition<infer D, unknown, string> ? D : never;
