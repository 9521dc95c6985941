import { type OperationSnapshot, type OperationStatus, OpwireError } from '@opwire/protocol';
import { describeOperationFailure } from '../operationOutcome.js';

/**
 * Where an observed operation stands: `idle` (no operation, or one that
 * cannot be found: see `error`), `loading` (its first snapshot is on the
 * way), or the operation's own status.
 */
export type OperationViewStatus = 'idle' | 'loading' | OperationStatus;

/** Why an operation did not succeed, ready to show: a code and a sentence. */
export interface OperationFailure {
  /** `operation_failed`, `not_found`, or the job's own error code when it gave one. */
  code: string;
  /** What to tell a person. */
  message: string;
}

/**
 * One operation as a page shows it: the fields of its snapshot a progress UI
 * needs, flattened, and the snapshot itself.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TDetails - the shape of its progress `details`
 * @typeParam TStage - the names of its stages
 */
export interface OperationState<
  TResult = unknown,
  TDetails = unknown,
  TStage extends string = string,
> {
  /** The operation followed, or `null`. */
  operationId: string | null;
  /** `idle`, `loading`, or the operation's own status. */
  status: OperationViewStatus;
  /** The operation is `queued` or `running` and can still be followed. */
  isActive: boolean;
  /** 0–100; `0` before the first snapshot. */
  percent: number;
  /** The current stage, as the job named it. */
  stage: TStage | null;
  /** The job's latest progress message. */
  message: string | null;
  /** The operation's title, or `null` when the server gave none. */
  title: string | null;
  /** The latest progress `details`. */
  details: TDetails | null;
  /**
   * The attempt running, or last run, from 1; `null` before the first
   * snapshot. Only a queued operation that its queue retries has more than
   * one: between attempts its status is `queued` again, with the last
   * attempt's error as `message`.
   */
  attempt: number | null;
  /** Attempts the operation is allowed in all, or `null` before the first snapshot. */
  attempts: number | null;
  /** What the operation returned, once it `succeeded`. */
  result: TResult | null;
  /**
   * Why the operation did not succeed: `operation_failed` (the message is
   * the job's own, or says why opwire ended it: `details.errorCode` is
   * then `owner_lost`, `timed_out`, `owner_shutdown` or `job_missing`), or
   * `not_found`. `null` while it runs, once it succeeded, and when it was
   * cancelled.
   */
  error: OpwireError | null;
  /** The same as `error`, as plain data: `{ code, message }`, or `null`. */
  failure: OperationFailure | null;
  /**
   * Estimated milliseconds left, from the observed rate and the job's
   * declared duration; it counts down between events while someone
   * listens. `0` once ended, `null` while unknown.
   */
  timeLeftMs: number | null;
  /** The snapshot everything above comes from, or `null` before the first one. */
  snapshot: OperationSnapshot<TResult, TDetails> | null;
}

/** The state of no operation at all. */
export const IDLE_OPERATION: OperationState<never, never, never> = Object.freeze({
  operationId: null,
  status: 'idle',
  isActive: false,
  percent: 0,
  stage: null,
  message: null,
  title: null,
  details: null,
  attempt: null,
  attempts: null,
  result: null,
  error: null,
  failure: null,
  timeLeftMs: null,
  snapshot: null,
});

/** What {@link operationState} is built from. Internal. */
export interface OperationStateInput<TResult, TDetails> {
  operationId: string;
  snapshot: OperationSnapshot<TResult, TDetails> | null;
  /** Why the client cannot follow the operation (`not_found`), or `null`. */
  missing: OpwireError | null;
  timeLeftMs: number | null;
}

/** Builds the state of one operation from what the client knows about it. Internal. */
export function operationState<TResult, TDetails, TStage extends string>(
  input: OperationStateInput<TResult, TDetails>,
): OperationState<TResult, TDetails, TStage> {
  const { operationId, snapshot, missing } = input;
  if (snapshot === null) {
    return {
      ...IDLE_OPERATION,
      operationId,
      status: missing === null ? 'loading' : 'idle',
      error: missing,
      failure: failureData(missing, null),
    };
  }
  const status = snapshot.status;
  const error = missing ?? failureOf(snapshot);
  return {
    operationId,
    status,
    isActive: missing === null && (status === 'queued' || status === 'running'),
    percent: snapshot.percent,
    stage: snapshot.stage as TStage | null,
    message: snapshot.message,
    title: snapshot.title,
    details: snapshot.details,
    attempt: snapshot.attempt,
    attempts: snapshot.attempts,
    result: snapshot.result,
    error,
    failure: failureData(error, snapshot),
    timeLeftMs: input.timeLeftMs,
    snapshot,
  };
}

function failureOf(snapshot: OperationSnapshot<unknown, unknown>): OpwireError | null {
  if (snapshot.status !== 'failed') return null;
  return new OpwireError('operation_failed', describeOperationFailure(snapshot.error), {
    details: { operationId: snapshot.id, errorCode: snapshot.error?.code ?? null },
  });
}

function failureData(
  error: OpwireError | null,
  snapshot: OperationSnapshot<unknown, unknown> | null,
): OperationFailure | null {
  if (error === null) return null;
  return { code: snapshot?.error?.code ?? error.code, message: error.message };
}
