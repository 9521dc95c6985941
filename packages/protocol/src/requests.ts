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
