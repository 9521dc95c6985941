import { z } from 'zod';
import { PROTOCOL_VERSION } from './version.js';

/**
 * Every server→client message. Operation events carry `operationId` and
 * `seq`; plain events, toasts and table refreshes do not.
 */
export const envelopeSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  topic: z.string(),
  payload: z.unknown(),
  /** Server time when the message was made, milliseconds since the epoch. */
  ts: z.number(),
  operationId: z.string().optional(),
  seq: z.number().int().positive().optional(),
});

export interface Envelope<TPayload = unknown> {
  v: typeof PROTOCOL_VERSION;
  topic: string;
  payload: TPayload;
  ts: number;
  operationId?: string;
  seq?: number;
}

export const TOAST_TOPIC = 'toast';
export const TABLE_REFRESH_TOPIC = 'table.refresh';

export const TOAST_TYPES = ['info', 'success', 'warning', 'error', 'loading'] as const;
export type ToastType = (typeof TOAST_TYPES)[number];

export const toastPayloadSchema = z.object({
  /** Stable id: a toast with the same id updates the earlier one in place. */
  id: z.string().optional(),
  title: z.string(),
  message: z.string().optional(),
  type: z.enum(TOAST_TYPES),
  durationMs: z.number().nonnegative().optional(),
  operationId: z.string().optional(),
});
export type ToastPayload = z.infer<typeof toastPayloadSchema>;

export const TABLE_ACTIONS = ['create', 'update', 'delete', 'refresh'] as const;
export type TableAction = (typeof TABLE_ACTIONS)[number];

export const tableRefreshPayloadSchema = z.object({
  tables: z.array(z.string()).min(1),
  action: z.enum(TABLE_ACTIONS).optional(),
  ids: z.array(z.union([z.string(), z.number()])).optional(),
  operationId: z.string().optional(),
});
export type TableRefreshPayload = z.infer<typeof tableRefreshPayloadSchema>;
