import { z } from 'zod';
import {
  TABLE_ACTIONS,
  type TableRefreshPayload,
  TOAST_TYPES,
  type ToastPayload,
} from './envelope.js';
import type { ExactSchema } from './typeChecks.js';

/**
 * Validates every server→client message (see {@link Envelope}). Operation
 * events carry `operationId` and `seq`; plain events, toasts and table
 * refreshes do not.
 */
export const envelopeSchema = z.object({
  /** {@link PROTOCOL_VERSION}; a message of another major version is refused. */
  v: z.union([z.literal(1), z.literal(2)]),
  /** What the message is about, e.g. `operation.progress` or `data.product.updated`. */
  topic: z.string(),
  /** The topic's payload, checked separately against the topic's own schema. */
  payload: z.unknown().optional(),
  /** Server time when the message was made, milliseconds since the Unix epoch. */
  ts: z.number(),
  /** The operation an operation event belongs to; absent on other messages. */
  operationId: z.string().optional(),
  /** An operation event's position in its operation's history; absent on other messages. */
  seq: z.number().int().positive().optional(),
});

const toastPayloadObject = z.object({
  id: z.string().optional(),
  title: z.string(),
  message: z.string().optional(),
  type: z.enum(TOAST_TYPES),
  durationMs: z.number().nonnegative().optional(),
  operationId: z.string().optional(),
});

/** Validates a {@link ToastPayload}. */
export const toastPayloadSchema: z.ZodType<ToastPayload, ToastPayload> =
  toastPayloadObject satisfies ExactSchema<typeof toastPayloadObject, ToastPayload>;

const tableRefreshPayloadObject = z.object({
  tables: z.array(z.string()).min(1),
  action: z.enum(TABLE_ACTIONS).optional(),
  ids: z.array(z.union([z.string(), z.number()])).optional(),
  operationId: z.string().optional(),
});

/** Validates a {@link TableRefreshPayload}. */
export const tableRefreshPayloadSchema: z.ZodType<TableRefreshPayload, TableRefreshPayload> =
  tableRefreshPayloadObject satisfies ExactSchema<
    typeof tableRefreshPayloadObject,
    TableRefreshPayload
  >;
