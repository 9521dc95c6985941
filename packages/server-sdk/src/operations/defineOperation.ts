import type { TypedOperation } from '@opwire/protocol';
import type { Schema } from '../validation.js';

/**
 * A typed operation: its type name, the shape of its progress details and
 * result, and its stages. Pass it to `operation.track` / `operation.start`
 * instead of a type string. It is a `TypedOperation` of `@opwire/protocol`,
 * so a frontend imports its type only (`import type`) and the client's
 * handles are typed from it.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TDetails - the shape of its progress `details`
 * @typeParam TStage - the names of its stages
 */
export interface OperationDefinition<
  TResult = unknown,
  TDetails = unknown,
  TStage extends string = string,
> extends TypedOperation<TResult, TDetails, TStage> {
  /** Schema of the progress details, or `undefined` when they are not checked. */
  readonly details: Schema<TDetails> | undefined;
  /** Schema of the result, or `undefined` when it is not checked. */
  readonly result: Schema<TResult> | undefined;
  /** Declared stages, in order, or `undefined` when the operation declares none. */
  readonly stages: readonly TStage[] | undefined;
}

/** What {@link defineOperation} takes. */
export interface DefineOperationInput<TResult, TDetails, TStage extends string> {
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
  TResult = unknown,
  TDetails = unknown,
  const TStage extends string = string,
>(
  input: DefineOperationInput<TResult, TDetails, TStage>,
): OperationDefinition<TResult, TDetails, TStage> {
  return {
    type: input.type,
    details: input.details,
    result: input.result,
    stages: input.stages,
  };
}

/** The result type of an operation definition. */
export type inferOperationResult<T> =
  T extends OperationDefinition<infer R, unknown, string> ? R : never;
/** The progress details type of an operation definition. */
export type inferOperationDetails<T> =
  T extends OperationDefinition<unknown, infer D, string> ? D : never;
