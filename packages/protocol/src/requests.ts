import { z } from 'zod';
import { idProblem } from './ids.js';
import { roomProblem } from './rooms.js';
import type { Assert, Equals, ExactSchema } from './typeChecks.js';

/** Most operations one resume request may name. */
export const MAX_RESUME_OPERATIONS = 500;

/** Most rooms one HTTP request may name in its {@link HTTP_ROOMS_PARAM} query parameter. */
export const MAX_NAMED_ROOMS = 100;

/**
 * Query parameter of the HTTP reads and cancel that names, comma-separated, custom
 * rooms the caller wants counted as its own (`?rooms=chat:42,board:7`): the
 * server admits those its room policies allow, so an operation addressed to them
 * is visible over HTTP as it is to a socket that joined them.
 */
export const HTTP_ROOMS_PARAM = 'rooms';

const id = z.string().superRefine((value, ctx) => {
  const problem = idProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `Invalid id: ${problem}` });
});

const room = z.string().superRefine((value, ctx) => {
  const problem = roomProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `Invalid room: ${problem}` });
});

/** Body of `opwire:join`. */
export type JoinRequest = {
  /** The room to join: a room name of at most 512 characters whose parts are valid ids. */
  room: string;
};
/** Body of `opwire:leave`. */
export type LeaveRequest = {
  /** The room to leave. */
  room: string;
};
/** Body of `opwire:resume`: where the client stands in each operation it follows. */
export type ResumeRequest = {
  /** At most {@link MAX_RESUME_OPERATIONS} operations. */
  operations: {
    /** The operation's id. */
    id: string;
    /** Last `seq` the client applied; 0 when it has nothing. */
    seq: number;
    /** Epoch under which the client got that `seq` (at most 64 characters). */
    epoch: string;
  }[];
};
/** Body of `opwire:operation.get`. */
export type GetOperationRequest = {
  /** The operation's id. */
  id: string;
};
/** Body of `opwire:operation.list`, as a client sends it. */
export type ListOperationsRequest = {
  /** `active`: operations still queued or running; `all`: ended ones too. Defaults to `active`. */
  status?: 'active' | 'all' | undefined;
};
/** Body of `opwire:operation.cancel`. */
export type CancelOperationRequest = {
  /** The operation to cancel. */
  id: string;
  /** Why, at most 500 characters; it becomes the operation's message. */
  reason?: string | undefined;
};
/** Body of `opwire:auth`: fresh credentials for a connected socket. */
export type ReauthenticateRequest = {
  /** The new bearer token, 1 to 8192 characters, for the same user. */
  token: string;
};

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
