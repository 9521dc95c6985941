import { z } from 'zod';
import type { AckError, ResumeResult } from './acks.js';
import { WIRE_ERROR_CODES } from './errorCodes.js';
import { operationEventSchema } from './operationEventSchemas.js';
import { operationSnapshotSchema } from './operationSchemas.js';
import type { ExactSchema } from './typeChecks.js';

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

/** Validates a successful answer to `opwire:join`. */
export const joinAckSchema = z.object({
  /** Always `true`. */
  ok: z.literal(true),
  /** The room the socket is now in. */
  room: z.string(),
});
/** Validates a successful answer to `opwire:leave`. */
export const leaveAckSchema = joinAckSchema;

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
