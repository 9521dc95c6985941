import { z } from 'zod';
import { OPERATION_STATUSES, type OperationError, type OperationSnapshot } from './operation.js';
import type { OperationToastTitles } from './operationToasts.js';
import type { Assert, Equals, ExactSchema } from './typeChecks.js';

const operationErrorObject = z.object({
  message: z.string(),
  code: z.string().optional(),
});

/** Validates an {@link OperationError}. */
export const operationErrorSchema: z.ZodType<OperationError, OperationError> =
  operationErrorObject satisfies ExactSchema<typeof operationErrorObject, OperationError>;

const toastTitlesObject = z.object({
  success: z.string().optional(),
  failure: z.string().optional(),
  cancelled: z.string().optional(),
});

/** Validates {@link OperationToastTitles}. */
export const toastTitlesSchema: z.ZodType<OperationToastTitles, OperationToastTitles> =
  toastTitlesObject satisfies ExactSchema<typeof toastTitlesObject, OperationToastTitles>;

const snapshotObject = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(OPERATION_STATUSES),
  /** 0–100. */
  percent: z.number(),
  stage: z.string().nullable(),
  message: z.string().nullable(),
  details: z.unknown().optional(),
  result: z.unknown().optional(),
  error: operationErrorSchema.nullable(),
  title: z.string().nullable(),
  /** Declared stage names, in order, for progress trackers. */
  stages: z.array(z.string()).nullable(),
  /** Rooms the operation's events go to. */
  audience: z.array(z.string()),
  /** Tables refreshed when the operation succeeds. */
  tables: z.array(z.string()),
  /** Titles of the end toasts; absent (a v1 server) reads as `null`. */
  toastTitles: toastTitlesSchema.nullable().default(null),
  estimatedDurationMs: z.number().nullable(),
  startedAt: z.number(),
  updatedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Number of events applied so far; the next event has `seq + 1`. */
  seq: z.number().int(),
  /** The attempt running or last run, from 1; absent (a v1 server) reads as 1. */
  attempt: z.number().int().positive().default(1),
  /** Attempts allowed in all; absent (a v1 server) reads as 1. */
  attempts: z.number().int().positive().default(1),
});

/**
 * Validates a snapshot received from the other side; a missing `details`, `result` or
 * `toastTitles` reads as `null`, a missing `attempt` or `attempts` (a server of protocol version 1) as `1`.
 */
export const operationSnapshotSchema: z.ZodType<OperationSnapshot, unknown> =
  snapshotObject.transform((snapshot) => ({
    ...snapshot,
    details: snapshot.details ?? null,
    result: snapshot.result ?? null,
  }));

// Every field but the two generic ones must match the schema exactly.
type _SnapshotMatchesSchema = Assert<
  Equals<
    Omit<z.output<typeof snapshotObject>, 'details' | 'result'>,
    Omit<OperationSnapshot, 'details' | 'result'>
  >
>;
