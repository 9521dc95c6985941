import { z } from 'zod';
import { operationErrorSchema } from './operation.js';

export const OPERATION_TOPICS = {
  started: 'operation.started',
  progress: 'operation.progress',
  completed: 'operation.completed',
  failed: 'operation.failed',
  cancelled: 'operation.cancelled',
} as const;

export type OperationTopic = (typeof OPERATION_TOPICS)[keyof typeof OPERATION_TOPICS];

const operationTopicValues: ReadonlySet<string> = new Set(Object.values(OPERATION_TOPICS));

export function isOperationTopic(topic: string): topic is OperationTopic {
  return operationTopicValues.has(topic);
}

export const operationStartedPayloadSchema = z.object({
  type: z.string(),
  status: z.enum(['queued', 'running']),
  title: z.string().nullable(),
  stages: z.array(z.string()).nullable(),
  audience: z.array(z.string()),
  tables: z.array(z.string()),
  estimatedDurationMs: z.number().nullable(),
  stage: z.string().nullable(),
  message: z.string().nullable(),
});

export const operationProgressPayloadSchema = z.object({
  percent: z.number().optional(),
  stage: z.string().optional(),
  message: z.string().optional(),
  details: z.unknown().optional(),
  /** Set when a queued operation begins to run. */
  status: z.literal('running').optional(),
});

export const operationCompletedPayloadSchema = z.object({
  result: z.unknown().optional(),
  message: z.string().optional(),
});

export const operationFailedPayloadSchema = z.object({
  error: operationErrorSchema,
});

export const operationCancelledPayloadSchema = z.object({
  reason: z.string().optional(),
});

export type OperationStartedPayload = z.infer<typeof operationStartedPayloadSchema>;
export type OperationProgressPayload = z.infer<typeof operationProgressPayloadSchema>;
export type OperationCompletedPayload = z.infer<typeof operationCompletedPayloadSchema>;
export type OperationFailedPayload = z.infer<typeof operationFailedPayloadSchema>;
export type OperationCancelledPayload = z.infer<typeof operationCancelledPayloadSchema>;

const eventBase = {
  operationId: z.string(),
  seq: z.number().int().positive(),
  /** Server time, milliseconds since the epoch. */
  ts: z.number(),
};

export const operationEventSchema = z.discriminatedUnion('topic', [
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

/** One change of one operation. `seq` starts at 1 and has no gaps. */
export type OperationEvent = z.infer<typeof operationEventSchema>;

export type OperationEventOf<TTopic extends OperationTopic> = Extract<
  OperationEvent,
  { topic: TTopic }
>;
