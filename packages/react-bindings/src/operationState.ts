import {
  describeOperationFailure,
  type OperationSnapshot,
  type OperationStatus,
  OpwireError,
} from '@opwire/client';

/**
 * Where an operation a hook shows stands: `idle` (no operation, or one that
 * cannot be found: see `error`), `loading` (its first snapshot is on the
 * way), or the operation's own status.
 */
export type OperationViewStatus = 'idle' | 'loading' | OperationStatus;

/**
 * One operation as a component shows it: the fields of its snapshot a
 * progress UI needs, flattened, and the snapshot itself.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TDetails - the shape of its progress `details`
 */
export interface OperationState<TResult = unknown, TDetails = unknown> {
  /** The operation followed, or `null`. */
  operationId: string | null;
  /** `idle`, `loading`, or the operation's own status. */
  status: OperationViewStatus;
  /** The operation is `queued` or `running`. */
  isRunning: boolean;
  /** 0–100; `0` before the first snapshot. */
  percent: number;
  /** The current stage, as the job named it. */
  stage: string | null;
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
  /**
   * Estimated milliseconds left, from the observed rate and the job's
   * declared duration, computed at every change; `0` once ended, `null`
   * while unknown.
   */
  timeLeftMs: number | null;
  /** The snapshot everything above comes from, or `null` before the first one. */
  snapshot: OperationSnapshot<TResult, TDetails> | null;
}

/** The state of no operation at all. */
export const IDLE_OPERATION: OperationState<never, never> = Object.freeze({
  operationId: null,
  status: 'idle',
  isRunning: false,
  percent: 0,
  stage: null,
  message: null,
  title: null,
  details: null,
  attempt: null,
  attempts: null,
  result: null,
  error: null,
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
export function operationState<TResult, TDetails>(
  input: OperationStateInput<TResult, TDetails>,
): OperationState<TResult, TDetails> {
  const { operationId, snapshot, missing } = input;
  if (snapshot === null) {
    return {
      ...IDLE_OPERATION,
      operationId,
      status: missing === null ? 'loading' : 'idle',
      error: missing,
    };
  }
  const status = snapshot.status;
  return {
    operationId,
    status,
    isRunning: missing === null && (status === 'queued' || status === 'running'),
    percent: snapshot.percent,
    stage: snapshot.stage,
    message: snapshot.message,
    title: snapshot.title,
    details: snapshot.details,
    attempt: snapshot.attempt,
    attempts: snapshot.attempts,
    result: snapshot.result,
    error: missing ?? failureOf(snapshot),
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
