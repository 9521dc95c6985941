import type { OperationToastTitles } from './operationToasts.js';

/**
 * Every status an operation can have, in life-cycle order. An operation
 * starts `queued` or `running` and ends in one of the {@link TERMINAL_STATUSES}.
 */
export const OPERATION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;
/** The status of an operation: one of {@link OPERATION_STATUSES}. */
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** The statuses an operation ends in. A terminal state is final: later events are ignored. */
export const TERMINAL_STATUSES = ['succeeded', 'failed', 'cancelled'] as const;
/** A status an operation ends in: one of {@link TERMINAL_STATUSES}. */
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

/** Whether `status` is terminal (`succeeded`, `failed` or `cancelled`): the operation has ended. */
export function isTerminalStatus(status: OperationStatus): status is TerminalStatus {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** What a client may learn about a failure: never a stack trace. */
export type OperationError = {
  /** What went wrong, safe to show to the user. */
  message: string;
  /** A machine-readable code, when the failure carried one. */
  code?: string | undefined;
};

/**
 * The state of one operation, as both the server's store and every client
 * hold it. Built only by {@link applyOperationEvent}.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TDetails - the shape of its progress `details`
 */
export type OperationSnapshot<TResult = unknown, TDetails = unknown> = {
  /** The operation's id: the `id` option it was started with, or a random UUID. */
  id: string;
  /**
   * The operation type, e.g. `user-import`: its definition's `type` or the string it was started
   * with.
   */
  type: string;
  /** Where the operation stands; `succeeded`, `failed` and `cancelled` are final. */
  status: OperationStatus;
  /** 0–100: `0` at start, `100` once succeeded. */
  percent: number;
  /** The current stage, as the job named it, or `null`. */
  stage: string | null;
  /**
   * The latest message: from progress, a stage, completion, or the cancel
   * reason. A stage change without a message clears it.
   */
  message: string | null;
  /** The latest progress `details`, or `null` before any. */
  details: TDetails | null;
  /** What the operation returned, once it `succeeded`; `null` until then. */
  result: TResult | null;
  /** Why the operation `failed`; `null` unless it did. */
  error: OperationError | null;
  /** Human-readable name, shown by progress trackers, or `null`. */
  title: string | null;
  /** Declared stage names, in order, for progress trackers; `null` when none were declared. */
  stages: string[] | null;
  /**
   * Rooms the operation's events go to. Empty in what clients receive (see
   * {@link publicSnapshot}): who else sees an operation is the server's business.
   */
  audience: string[];
  /** Tables refreshed when the operation succeeds. */
  tables: string[];
  /** Titles of its end toasts, as the server chose them at start, or `null` when it chose none. */
  toastTitles: OperationToastTitles | null;
  /**
   * Expected duration in milliseconds, for time-left estimates before progress arrives, or `null`.
   */
  estimatedDurationMs: number | null;
  /** Server time of `operation.started`, milliseconds since the Unix epoch. */
  startedAt: number;
  /** Server time of the latest event, milliseconds since the Unix epoch. */
  updatedAt: number;
  /** Server time of the terminal event, milliseconds since the Unix epoch; `null` while it runs. */
  endedAt: number | null;
  /** Number of events applied so far; the next event has `seq + 1`. */
  seq: number;
  /**
   * The attempt running now, or the last one run, counting from 1. Only a
   * queued operation (a BullMQ job) has more than one: between attempts it is
   * `queued` again, with the last attempt's error as its message.
   */
  attempt: number;
  /** How many attempts the operation is allowed in all; `1` unless its queue retries it. */
  attempts: number;
};
