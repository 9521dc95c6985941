import { z } from 'zod';
import { WIRE_ERROR_CODES, type WireErrorCode } from './errorCodes.js';
import { type OperationSnapshot, operationSnapshotSchema } from './operation.js';
import { type OperationEvent, operationEventSchema } from './operationEvent.js';
import type { ExactSchema } from './typeChecks.js';

/** Why the server refused a request. */
export interface AckError {
  /** What kind of refusal it is; switch on it. */
  code: WireErrorCode;
  /** What happened, in words a developer can act on. */
  message: string;
}

/**
 * The answer to every client request: `ok: true` with the request's data,
 * or `ok: false` with an error.
 *
 * @typeParam TData - the data a successful answer carries
 */
export type Ack<TData extends object = Record<never, never>> =
  | ({
      /** The request succeeded; the request's data sits beside this flag. */
      ok: true;
    } & TData)
  | {
      /** The request was refused. */
      ok: false;
      /** Why. */
      error: AckError;
    };

const ackErrorObject = z.object({
  code: z.enum(WIRE_ERROR_CODES),
  message: z.string(),
});

/** Validates an {@link AckError}. */
export const ackErrorSchema: z.ZodType<AckError, AckError> = ackErrorObject satisfies ExactSchema<
  typeof ackErrorObject,
  AckError
>;

/** Validates the answer to a refused request: `{ ok: false, error }`. */
export const failedAckSchema = z.object({
  /** Always `false`. */
  ok: z.literal(false),
  /** Why the request was refused. */
  error: ackErrorSchema,
});

/** Builds a successful answer: `{ ok: true, ...data }`. */
export function ackOk<TData extends object>(
  data: TData,
): {
  /** Always `true`. */
  ok: true;
} & TData {
  return { ok: true, ...data };
}

/** Builds a refusal: `{ ok: false, error: { code, message } }`. */
export function ackError(
  code: WireErrorCode,
  message: string,
): {
  /** Always `false`. */
  ok: false;
  /** The code and message given. */
  error: AckError;
} {
  return { ok: false, error: { code, message } };
}

/** Validates a successful answer to `opwire:join`. */
export const joinAckSchema = z.object({
  /** Always `true`. */
  ok: z.literal(true),
  /** The room the socket is now in. */
  room: z.string(),
});
/** Validates a successful answer to `opwire:leave`. */
export const leaveAckSchema = joinAckSchema;

/**
 * What the server answers for one operation of a resume request: the events
 * the client missed, or a snapshot to replace its state with when it cannot
 * replay, or `not_found`.
 */
export type ResumeResult =
  | {
      /** The operation id from the request. */
      id: string;
      /** The server replayed what the client missed. */
      status: 'replayed';
      /** Missed events in `seq` order; empty when the client was up to date. */
      events: OperationEvent[];
    }
  | {
      /** The operation id from the request. */
      id: string;
      /** The server cannot replay; the client replaces its state with `snapshot`. */
      status: 'snapshot';
      /**
       * `epoch_changed`: the client's epoch is not the store's (or its `seq`
       * is ahead of it); `history_gone`: the store no longer holds every event
       * after the client's `seq`, or replaying them would take this answer past
       * the server's replay budget (events and bytes per answer).
       */
      reason: 'epoch_changed' | 'history_gone';
      /** The operation's current state. */
      snapshot: OperationSnapshot;
    }
  | {
      /** The operation id from the request. */
      id: string;
      /**
       * No such operation, or one the caller may not see; the two are deliberately
       * indistinguishable.
       */
      status: 'not_found';
    };

const resumeResultUnion = z.discriminatedUnion('status', [
  z.object({
    id: z.string(),
    status: z.literal('replayed'),
    /** Missed events in `seq` order; empty when the client was up to date. */
    events: z.array(operationEventSchema),
  }),
  z.object({
    id: z.string(),
    status: z.literal('snapshot'),
    reason: z.enum(['epoch_changed', 'history_gone']),
    snapshot: operationSnapshotSchema,
  }),
  z.object({ id: z.string(), status: z.literal('not_found') }),
]);

/**
 * Validates a {@link ResumeResult}; its snapshot is read as {@link operationSnapshotSchema} does.
 */
export const resumeResultSchema: z.ZodType<ResumeResult, unknown> =
  resumeResultUnion satisfies ExactSchema<typeof resumeResultUnion, ResumeResult, unknown>;

/** Validates a successful answer to `opwire:resume`. */
export const resumeAckSchema = z.object({
  /** Always `true`. */
  ok: z.literal(true),
  /** The store's epoch; the client remembers it with each `seq` for its next resume. */
  epoch: z.string(),
  /** One result per operation named (an id named more than once is answered once). */
  results: z.array(resumeResultSchema),
});

/** Validates a successful answer to `opwire:operation.get`. */
export const getOperationAckSchema = z.object({
  /** Always `true`. */
  ok: z.literal(true),
  /** The store's epoch, which the snapshot's `seq` counts in. */
  epoch: z.string(),
  /** The operation's current state. */
  snapshot: operationSnapshotSchema,
});

/** Validates a successful answer to `opwire:operation.list`. */
export const listOperationsAckSchema = z.object({
  /** Always `true`. */
  ok: z.literal(true),
  /** The store's epoch, which the snapshots' `seq` count in. */
  epoch: z.string(),
  /** The operations the socket may see, newest first (at most 100). */
  operations: z.array(operationSnapshotSchema),
});

/** Validates a successful answer to `opwire:operation.cancel`. */
export const cancelOperationAckSchema = z.object({
  /** Always `true`. */
  ok: z.literal(true),
  /** The operation asked to cancel. */
  id: z.string(),
});

/** Validates a successful answer to `opwire:auth`. */
export const reauthenticateAckSchema = z.object({
  /** Always `true`. */
  ok: z.literal(true),
  /**
   * When the new credentials expire, milliseconds since the Unix epoch, or `null` when they do not.
   */
  expiresAt: z.number().nullable(),
  /** The rooms the socket is in with its new credentials. */
  rooms: z.array(z.string()),
});

/** The answer to `opwire:join`. */
export type JoinAck = Ack<{
  /** The room the socket is now in. */
  room: string;
}>;
/** The answer to `opwire:leave`. */
export type LeaveAck = JoinAck;
/** The answer to `opwire:resume`. */
export type ResumeAck = Ack<{
  /** The store's epoch; the client remembers it with each `seq` for its next resume. */
  epoch: string;
  /** One result per operation named (an id named more than once is answered once). */
  results: ResumeResult[];
}>;
/** The answer to `opwire:operation.get`. */
export type GetOperationAck = Ack<{
  /** The store's epoch, which the snapshot's `seq` counts in. */
  epoch: string;
  /** The operation's current state. */
  snapshot: OperationSnapshot;
}>;
/** The answer to `opwire:operation.list`. */
export type ListOperationsAck = Ack<{
  /** The store's epoch, which the snapshots' `seq` count in. */
  epoch: string;
  /** The operations the socket may see, newest first (at most 100). */
  operations: OperationSnapshot[];
}>;
/** The answer to `opwire:operation.cancel`. */
export type CancelOperationAck = Ack<{
  /** The operation asked to cancel. */
  id: string;
}>;
/** The answer to `opwire:auth`. */
export type ReauthenticateAck = Ack<{
  /**
   * When the new credentials expire, milliseconds since the Unix epoch, or `null` when they do not.
   */
  expiresAt: number | null;
  /** The rooms the socket is in with its new credentials. */
  rooms: string[];
}>;
