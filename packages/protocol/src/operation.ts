import { z } from 'zod';

export const OPERATION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export const TERMINAL_STATUSES = ['succeeded', 'failed', 'cancelled'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export function isTerminalStatus(status: OperationStatus): status is TerminalStatus {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** What a client may learn about a failure: never a stack trace. */
export const operationErrorSchema = z.object({
  message: z.string(),
  code: z.string().optional(),
});
export type OperationError = z.infer<typeof operationErrorSchema>;

const snapshotObject = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(OPERATION_STATUSES),
  /** 0–100. */
  percent: z.number(),
  stage: z.string().nullable(),
  message: z.string().nullable(),
  details: z.unknown(),
  result: z.unknown(),
  error: operationErrorSchema.nullable(),
  title: z.string().nullable(),
  /** Declared stage names, in order, for progress trackers. */
  stages: z.array(z.string()).nullable(),
  /** Rooms the operation's events go to. */
  audience: z.array(z.string()),
  /** Tables refreshed when the operation succeeds. */
  tables: z.array(z.string()),
  estimatedDurationMs: z.number().nullable(),
  startedAt: z.number(),
  updatedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Number of events applied so far; the next event has `seq + 1`. */
  seq: z.number().int(),
});

/**
 * The state of one operation, as both the server's store and every client
 * hold it. Built only by {@link applyOperationEvent}.
 */
export type OperationSnapshot<TResult = unknown, TDetails = unknown> = Omit<
  z.infer<typeof snapshotObject>,
  'details' | 'result'
> & {
  details: TDetails | null;
  result: TResult | null;
};

/** Validates a snapshot received from the other side; a missing `details` or `result` reads as `null`. */
export const operationSnapshotSchema: z.ZodType<OperationSnapshot, z.ZodTypeDef, unknown> =
  snapshotObject.transform((snapshot) => ({
    ...snapshot,
    details: snapshot.details ?? null,
    result: snapshot.result ?? null,
  }));
