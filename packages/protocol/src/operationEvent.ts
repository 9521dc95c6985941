import type { OperationError } from './operation.js';
import type { OperationToastTitles } from './operationToasts.js';

/** The topics of operation events. Applications may not emit on them. */
export const OPERATION_TOPICS = {
  /** The first event of every operation (`seq` 1): what it is and who sees it. */
  started: 'operation.started',
  /** Percent, stage, message or details changed; or a queued operation began an attempt. */
  progress: 'operation.progress',
  /** An attempt failed and the operation waits, `queued`, for the next one (not terminal). */
  requeued: 'operation.requeued',
  /** The operation succeeded; terminal. */
  completed: 'operation.completed',
  /** The operation failed; terminal. */
  failed: 'operation.failed',
  /** The operation was cancelled; terminal. */
  cancelled: 'operation.cancelled',
} as const;

/** The topic of an operation event: one of the values of {@link OPERATION_TOPICS}. */
export type OperationTopic = (typeof OPERATION_TOPICS)[keyof typeof OPERATION_TOPICS];

const operationTopicValues: ReadonlySet<string> = new Set(Object.values(OPERATION_TOPICS));

/**
 * Whether `topic` is one of the {@link OPERATION_TOPICS}, as opposed to an application event, a
 * toast or a table refresh.
 */
export function isOperationTopic(topic: string): topic is OperationTopic {
  return operationTopicValues.has(topic);
}

/** Payload of `operation.started`: what the operation is and who sees it. */
export type OperationStartedPayload = {
  /** The operation type, e.g. `user-import`. */
  type: string;
  /** `queued` when the operation waits to run (`queued: true`, or enqueued for a queue), else `running`. */
  status: 'queued' | 'running';
  /** Human-readable name, or `null`. */
  title: string | null;
  /** Declared stage names, in order, or `null` when none were declared. */
  stages: string[] | null;
  /** Rooms the operation's events go to; empty in what clients receive (see `publicEvent`). */
  audience: string[];
  /** Tables refreshed when the operation succeeds. */
  tables: string[];
  /** Titles of its end toasts; absent when the server chose none (and from a version 1 server). */
  toastTitles?: OperationToastTitles | undefined;
  /**
   * Expected duration in milliseconds, for time-left estimates before progress arrives, or `null`.
   */
  estimatedDurationMs: number | null;
  /** The stage the operation starts in, or `null`. */
  stage: string | null;
  /** The message it starts with, or `null`. */
  message: string | null;
  /** Attempts allowed in all, when its queue retries it; absent means 1. */
  attempts?: number | undefined;
  /** The attempt it starts in, when it starts `running` as a later attempt; absent means 1. */
  attempt?: number | undefined;
};

/** Payload of `operation.progress`: only what changed. */
export type OperationProgressPayload = {
  /** New percent, 0–100; the reducer clamps it and ignores a value that is not a finite number. */
  percent?: number | undefined;
  /** New stage. */
  stage?: string | undefined;
  /** New message. A stage change without one clears the previous stage's message. */
  message?: string | undefined;
  /** New progress details, in the shape the operation's definition declares. */
  details?: unknown;
  /** Set when a queued operation begins to run. */
  status?: 'running' | undefined;
  /** With `status`: the number of the attempt that begins, counting from 1. */
  attempt?: number | undefined;
};

/** Payload of `operation.completed`. */
export type OperationCompletedPayload = {
  /** What the operation returned. */
  result?: unknown;
  /** A closing message; the previous message stays when absent. */
  message?: string | undefined;
};

/** Payload of `operation.requeued`: the attempt ended, and the operation waits for the next one. */
export type OperationRequeuedPayload = {
  /** Why the attempt ended (the last error's message); it becomes the snapshot's message. */
  message?: string | undefined;
};

/** Payload of `operation.failed`. */
export type OperationFailedPayload = {
  /** The failure, reduced to what a client may see. */
  error: OperationError;
};

/** Payload of `operation.cancelled`. */
export type OperationCancelledPayload = {
  /** Why it was cancelled, when the canceller said; it becomes the snapshot's message. */
  reason?: string | undefined;
};

/**
 * One change of one operation. `operationId`, `seq` and `ts` are common to
 * every topic; `topic` decides the payload. `seq` starts at 1
 * (`operation.started`) and grows by one per event, with no gaps.
 */
export type OperationEvent =
  | {
      /** The operation the event belongs to. */
      operationId: string;
      /** Position in the operation's history: 1 for this first event. */
      seq: number;
      /** Server time when the event was made, milliseconds since the Unix epoch. */
      ts: number;
      /** The operation started. */
      topic: 'operation.started';
      /** What the operation is and who sees it. */
      payload: OperationStartedPayload;
    }
  | {
      /** The operation the event belongs to. */
      operationId: string;
      /** Position in the operation's history: one more than the previous event's. */
      seq: number;
      /** Server time when the event was made, milliseconds since the Unix epoch. */
      ts: number;
      /** The operation made progress. */
      topic: 'operation.progress';
      /** What changed. */
      payload: OperationProgressPayload;
    }
  | {
      /** The operation the event belongs to. */
      operationId: string;
      /** Position in the operation's history: one more than the previous event's. */
      seq: number;
      /** Server time when the event was made, milliseconds since the Unix epoch. */
      ts: number;
      /** An attempt ended; the operation is `queued` for the next one. */
      topic: 'operation.requeued';
      /** Why the attempt ended. */
      payload: OperationRequeuedPayload;
    }
  | {
      /** The operation the event belongs to. */
      operationId: string;
      /** Position in the operation's history: one more than the previous event's. */
      seq: number;
      /** Server time when the event was made, milliseconds since the Unix epoch. */
      ts: number;
      /** The operation succeeded; terminal. */
      topic: 'operation.completed';
      /** Its result and closing message. */
      payload: OperationCompletedPayload;
    }
  | {
      /** The operation the event belongs to. */
      operationId: string;
      /** Position in the operation's history: one more than the previous event's. */
      seq: number;
      /** Server time when the event was made, milliseconds since the Unix epoch. */
      ts: number;
      /** The operation failed; terminal. */
      topic: 'operation.failed';
      /** Why it failed. */
      payload: OperationFailedPayload;
    }
  | {
      /** The operation the event belongs to. */
      operationId: string;
      /** Position in the operation's history: one more than the previous event's. */
      seq: number;
      /** Server time when the event was made, milliseconds since the Unix epoch. */
      ts: number;
      /** The operation was cancelled; terminal. */
      topic: 'operation.cancelled';
      /** Why it was cancelled. */
      payload: OperationCancelledPayload;
    };

/** The operation event of one topic, e.g. `OperationEventOf<'operation.progress'>`. */
export type OperationEventOf<TTopic extends OperationTopic> = Extract<
  OperationEvent,
  {
    /** The topic to select. */
    topic: TTopic;
  }
>;
