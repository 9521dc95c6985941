import { z } from 'zod';
import { idProblem } from './ids.js';
import { roomProblem } from './rooms.js';

/** Most operations one resume request may name. */
export const MAX_RESUME_OPERATIONS = 500;

const id = z.string().superRefine((value, ctx) => {
  const problem = idProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `Invalid id: ${problem}` });
});

const room = z.string().superRefine((value, ctx) => {
  const problem = roomProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `Invalid room: ${problem}` });
});

export const joinRequestSchema = z.object({ room });
export const leaveRequestSchema = z.object({ room });

export const resumeRequestSchema = z.object({
  operations: z
    .array(
      z.object({
        id,
        /** Last `seq` the client applied; 0 when it has nothing. */
        seq: z.number().int().nonnegative(),
        /** Epoch under which the client got that `seq`. */
        epoch: z.string().max(64),
      }),
    )
    .max(MAX_RESUME_OPERATIONS),
});

export const getOperationRequestSchema = z.object({ id });

export const listOperationsRequestSchema = z.object({
  status: z.enum(['active', 'all']).default('active'),
});

export const cancelOperationRequestSchema = z.object({
  id,
  reason: z.string().max(500).optional(),
});

export const reauthenticateRequestSchema = z.object({
  token: z.string().min(1).max(8192),
});

export type JoinRequest = z.infer<typeof joinRequestSchema>;
export type LeaveRequest = z.infer<typeof leaveRequestSchema>;
export type ResumeRequest = z.infer<typeof resumeRequestSchema>;
export type GetOperationRequest = z.infer<typeof getOperationRequestSchema>;
export type ListOperationsRequest = z.input<typeof listOperationsRequestSchema>;
export type CancelOperationRequest = z.infer<typeof cancelOperationRequestSchema>;
export type ReauthenticateRequest = z.infer<typeof reauthenticateRequestSchema>;

/** Each request's schema, keyed by its Socket.IO event name. */
export const requestSchemas = {
  'opwire:join': joinRequestSchema,
  'opwire:leave': leaveRequestSchema,
  'opwire:resume': resumeRequestSchema,
  'opwire:operation.get': getOperationRequestSchema,
  'opwire:operation.list': listOperationsRequestSchema,
  'opwire:operation.cancel': cancelOperationRequestSchema,
  'opwire:auth': reauthenticateRequestSchema,
} as const;
