import { z } from 'zod';
import {
  OPERATION_TOPICS,
  type OperationCancelledPayload,
  type OperationCompletedPayload,
  type OperationEvent,
  type OperationFailedPayload,
  type OperationProgressPayload,
  type OperationRequeuedPayload,
  type OperationStartedPayload,
} from './operationEvent.js';
import { operationErrorSchema, toastTitlesSchema } from './operationSchemas.js';
import type { ExactSchema } from './typeChecks.js';

const startedPayloadObject = z.object({
  type: z.string(),
  status: z.enum(['queued', 'running']),
  title: z.string().nullable(),
  stages: z.array(z.string()).nullable(),
  audience: z.array(z.string()),
  tables: z.array(z.string()),
  toastTitles: toastTitlesSchema.optional(),
  estimatedDurationMs: z.number().nullable(),
  stage: z.string().nullable(),
  message: z.string().nullable(),
  attempts: z.number().int().positive().optional(),
  attempt: z.number().int().positive().optional(),
});

const progressPayloadObject = z.object({
  percent: z.number().optional(),
  stage: z.string().optional(),
  message: z.string().optional(),
  details: z.unknown().optional(),
  /** Set when a queued operation begins to run. */
  status: z.literal('running').optional(),
  attempt: z.number().int().positive().optional(),
});

const requeuedPayloadObject = z.object({
  message: z.string().optional(),
});

const completedPayloadObject = z.object({
  result: z.unknown().optional(),
  message: z.string().optional(),
});

const failedPayloadObject = z.object({
  error: operationErrorSchema,
});

const cancelledPayloadObject = z.object({
  reason: z.string().optional(),
});

/** Validates an {@link OperationStartedPayload}. */
export const operationStartedPayloadSchema: z.ZodType<
  OperationStartedPayload,
  OperationStartedPayload
> = startedPayloadObject satisfies ExactSchema<
  typeof startedPayloadObject,
  OperationStartedPayload
>;
/** Validates an {@link OperationProgressPayload}. */
export const operationProgressPayloadSchema: z.ZodType<
  OperationProgressPayload,
  OperationProgressPayload
> = progressPayloadObject satisfies ExactSchema<
  typeof progressPayloadObject,
  OperationProgressPayload
>;
/** Validates an {@link OperationRequeuedPayload}. */
export const operationRequeuedPayloadSchema: z.ZodType<
  OperationRequeuedPayload,
  OperationRequeuedPayload
> = requeuedPayloadObject satisfies ExactSchema<
  typeof requeuedPayloadObject,
  OperationRequeuedPayload
>;
/** Validates an {@link OperationCompletedPayload}. */
export const operationCompletedPayloadSchema: z.ZodType<
  OperationCompletedPayload,
  OperationCompletedPayload
> = completedPayloadObject satisfies ExactSchema<
  typeof completedPayloadObject,
  OperationCompletedPayload
>;
/** Validates an {@link OperationFailedPayload}. */
export const operationFailedPayloadSchema: z.ZodType<
  OperationFailedPayload,
  OperationFailedPayload
> = failedPayloadObject satisfies ExactSchema<typeof failedPayloadObject, OperationFailedPayload>;
/** Validates an {@link OperationCancelledPayload}. */
export const operationCancelledPayloadSchema: z.ZodType<
  OperationCancelledPayload,
  OperationCancelledPayload
> = cancelledPayloadObject satisfies ExactSchema<
  typeof cancelledPayloadObject,
  OperationCancelledPayload
>;

const eventBase = {
  operationId: z.string(),
  seq: z.number().int().positive(),
  /** Server time, milliseconds since the epoch. */
  ts: z.number(),
};

const eventUnion = z.discriminatedUnion('topic', [
  z.object({
    ...eventBase,
    topic: z.literal(OPERATION_TOPICS.started),
    payload: operationStartedPayloadSchema,
  }),
  z.object({
    ...eventBase,
    topic: z.literal(OPERATION_TOPICS.progress),
    payload: operationProgressPayloadSchema,
  }),
  z.object({
    ...eventBase,
    topic: z.literal(OPERATION_TOPICS.requeued),
    payload: operationRequeuedPayloadSchema,
  }),
  z.object({
    ...eventBase,
    topic: z.literal(OPERATION_TOPICS.completed),
    payload: operationCompletedPayloadSchema,
  }),
  z.object({
    ...eventBase,
    topic: z.literal(OPERATION_TOPICS.failed),
    payload: operationFailedPayloadSchema,
  }),
  z.object({
    ...eventBase,
    topic: z.literal(OPERATION_TOPICS.cancelled),
    payload: operationCancelledPayloadSchema,
  }),
]);

/**
 * Validates an {@link OperationEvent}, built from an envelope's
 * `operationId`, `seq`, `ts`, `topic` and `payload`.
 */
export const operationEventSchema: z.ZodType<OperationEvent, OperationEvent> =
  eventUnion satisfies ExactSchema<typeof eventUnion, OperationEvent>;
