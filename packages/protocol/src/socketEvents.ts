/**
 * Socket.IO event names of the contract. Clients send requests with an
 * acknowledgement callback; the server answers every one of them.
 */
export const SOCKET_EVENTS = {
  /** server→client: an {@link Envelope}. */
  message: 'opwire:message',
  /** server→client: one operation event as a compact frame (protocol version 2). */
  operation: 'opwire:op',
  /** server→client, once after connect: a {@link Hello}. */
  hello: 'opwire:hello',
  /** server→client: the token expired; the server disconnects right after. */
  authExpired: 'opwire:auth-expired',
  /**
   * server→client: deliveries may have been missed without the socket noticing
   * (the node's link to the other nodes was down); resume every followed operation.
   */
  resync: 'opwire:resync',
  /** client→server: join a room ({@link JoinRequest}, answered with a {@link JoinAck}). */
  join: 'opwire:join',
  /** client→server: leave a room ({@link LeaveRequest}, answered with a {@link LeaveAck}). */
  leave: 'opwire:leave',
  /**
   * client→server: catch up on operations after a reconnect ({@link ResumeRequest},
   * answered with a {@link ResumeAck}).
   */
  resume: 'opwire:resume',
  /**
   * client→server: read one operation ({@link GetOperationRequest}, answered with a
   * {@link GetOperationAck}).
   */
  getOperation: 'opwire:operation.get',
  /**
   * client→server: list the operations the socket may see ({@link ListOperationsRequest},
   * answered with a {@link ListOperationsAck}).
   */
  listOperations: 'opwire:operation.list',
  /**
   * client→server: ask an operation to stop ({@link CancelOperationRequest}, answered
   * with a {@link CancelOperationAck}).
   */
  cancelOperation: 'opwire:operation.cancel',
  /**
   * client→server: swap the socket's credentials without reconnecting
   * ({@link ReauthenticateRequest}, answered with a {@link ReauthenticateAck}).
   */
  reauthenticate: 'opwire:auth',
} as const;

/** The event name of a client request: every value of {@link SOCKET_EVENTS} from `join` on. */
export type RequestEventName = (typeof SOCKET_EVENTS)[
  | 'join'
  | 'leave'
  | 'resume'
  | 'getOperation'
  | 'listOperations'
  | 'cancelOperation'
  | 'reauthenticate'];
