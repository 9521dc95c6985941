import { z } from 'zod';
import { idProblem } from './ids.js';
import {
  type CancelOperationRequest,
  type GetOperationRequest,
  type JoinRequest,
  type LeaveRequest,
  type ListOperationsRequest,
  MAX_NAMED_ROOMS,
  MAX_RESUME_OPERATIONS,
  type ReauthenticateRequest,
  type ResumeRequest,
} from './requests.js';
import { roomProblem } from './rooms.js';
import type { Assert, Equals, ExactSchema } from './typeChecks.js';

const id = z.string().superRefine((value, ctx) => {
  const problem = idProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `Invalid id: ${problem}` });
});

const room = z.string().superRefine((value, ctx) => {
  const problem = roomProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `Invalid room: ${problem}` });
});

const joinRequestObject = z.object({ room });
const leaveRequestObject = z.object({ room });

const resumeRequestObject = z.object({
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

const getOperationRequestObject = z.object({ id });

const cancelOperationRequestObject = z.object({
  id,
  reason: z.string().max(500).optional(),
});

const reauthenticateRequestObject = z.object({
  token: z.string().min(1).max(8192),
});

/** Validates the rooms of an HTTP request's {@link HTTP_ROOMS_PARAM}, split at commas. */
export const namedRoomsSchema: z.ZodType<string[]> = z.array(room).max(MAX_NAMED_ROOMS);

/** Validates a {@link JoinRequest}. */
export const joinRequestSchema: z.ZodType<JoinRequest, JoinRequest> =
  joinRequestObject satisfies ExactSchema<typeof joinRequestObject, JoinRequest>;
/** Validates a {@link LeaveRequest}. */
export const leaveRequestSchema: z.ZodType<LeaveRequest, LeaveRequest> =
  leaveRequestObject satisfies ExactSchema<typeof leaveRequestObject, LeaveRequest>;
/** Validates a {@link ResumeRequest}. */
export const resumeRequestSchema: z.ZodType<ResumeRequest, ResumeRequest> =
  resumeRequestObject satisfies ExactSchema<typeof resumeRequestObject, ResumeRequest>;
/** Validates a {@link GetOperationRequest}. */
export const getOperationRequestSchema: z.ZodType<GetOperationRequest, GetOperationRequest> =
  getOperationRequestObject satisfies ExactSchema<
    typeof getOperationRequestObject,
    GetOperationRequest
  >;
/** Validates a {@link ListOperationsRequest} and fills in the default `status`. */
export const listOperationsRequestSchema = z.object({
  /** `active` (the default): operations still queued or running; `all`: ended ones too. */
  status: z.enum(['active', 'all']).default('active'),
});
/** Validates a {@link CancelOperationRequest}. */
export const cancelOperationRequestSchema: z.ZodType<
  CancelOperationRequest,
  CancelOperationRequest
> = cancelOperationRequestObject satisfies ExactSchema<
  typeof cancelOperationRequestObject,
  CancelOperationRequest
>;
/** Validates a {@link ReauthenticateRequest}. */
export const reauthenticateRequestSchema: z.ZodType<ReauthenticateRequest, ReauthenticateRequest> =
  reauthenticateRequestObject satisfies ExactSchema<
    typeof reauthenticateRequestObject,
    ReauthenticateRequest
  >;

// The exported request type is what a client sends, before the default applies.
type _ListRequestMatchesSchema = Assert<
  Equals<z.input<typeof listOperationsRequestSchema>, ListOperationsRequest>
>;

/**
 * Each request's schema, keyed by its Socket.IO event name. The server
 * validates every request with it before anything else happens; unknown
 * keys are dropped.
 */
export const requestSchemas = {
  /** {@link joinRequestSchema} */
  'opwire:join': joinRequestSchema,
  /** {@link leaveRequestSchema} */
  'opwire:leave': leaveRequestSchema,
  /** {@link resumeRequestSchema} */
  'opwire:resume': resumeRequestSchema,
  /** {@link getOperationRequestSchema} */
  'opwire:operation.get': getOperationRequestSchema,
  /** {@link listOperationsRequestSchema} */
  'opwire:operation.list': listOperationsRequestSchema,
  /** {@link cancelOperationRequestSchema} */
  'opwire:operation.cancel': cancelOperationRequestSchema,
  /** {@link reauthenticateRequestSchema} */
  'opwire:auth': reauthenticateRequestSchema,
} as const;
