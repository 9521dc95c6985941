import { z } from 'zod';
import { WIRE_ERROR_CODES, type WireErrorCode } from './errorCodes.js';
import { type OperationSnapshot, operationSnapshotSchema } from './operation.js';
import { operationEventSchema } from './operationEvent.js';

export interface AckError {
  code: WireErrorCode;
  message: string;
}

/** The answer to every client request. */
export type Ack<TData extends object = Record<never, never>> =
  | ({ ok: true } & TData)
  | { ok: false; error: AckError };

export const ackErrorSchema = z.object({
  code: z.enum(WIRE_ERROR_CODES),
  message: z.string(),
});

export const failedAckSchema = z.object({ ok: z.literal(false), error: ackErrorSchema });

export function ackOk<TData extends object>(data: TData): { ok: true } & TData {
  return { ok: true, ...data };
}

export function ackError(code: WireErrorCode, message: string): { ok: false; error: AckError } {
  return { ok: false, error: { code, message } };
}

export const joinAckSchema = z.object({ ok: z.literal(true), room: z.string() });
export const leaveAckSchema = joinAckSchema;

export const resumeResultSchema = z.discriminatedUnion('status', [
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
export type ResumeResult = z.infer<typeof resumeResultSchema>;

export const resumeAckSchema = z.object({
  ok: z.literal(true),
  epoch: z.string(),
  results: z.array(resumeResultSchema),
});

export const getOperationAckSchema = z.object({
  ok: z.literal(true),
  epoch: z.string(),
  snapshot: operationSnapshotSchema,
});

export const listOperationsAckSchema = z.object({
  ok: z.literal(true),
  epoch: z.string(),
  operations: z.array(operationSnapshotSchema),
});

export const cancelOperationAckSchema = z.object({ ok: z.literal(true), id: z.string() });

export const reauthenticateAckSchema = z.object({
  ok: z.literal(true),
  expiresAt: z.number().nullable(),
  rooms: z.array(z.string()),
});

export type JoinAck = Ack<{ room: string }>;
export type LeaveAck = JoinAck;
export type ResumeAck = Ack<{ epoch: string; results: ResumeResult[] }>;
export type GetOperationAck = Ack<{ epoch: string; snapshot: OperationSnapshot }>;
export type ListOperationsAck = Ack<{ epoch: string; operations: OperationSnapshot[] }>;
export type CancelOperationAck = Ack<{ id: string }>;
export type ReauthenticateAck = Ack<{ expiresAt: number | null; rooms: string[] }>;
