/**
 * Socket.IO event names of the contract. Clients send requests with an
 * acknowledgement callback; the server answers every one of them.
 */
export const SOCKET_EVENTS = {
  /** server→client: an {@link Envelope}. */
  message: 'opwire:message',
  /** server→client, once after connect: a {@link Hello}. */
  hello: 'opwire:hello',
  /** server→client: the token expired; the server disconnects right after. */
  authExpired: 'opwire:auth-expired',
  /**
   * server→client: deliveries may have been missed without the socket noticing
   * (the node's link to the other nodes was down); resume every followed operation.
   */
  resync: 'opwire:resync',
  /** client→server requests. */
  join: 'opwire:join',
  leave: 'opwire:leave',
  resume: 'opwire:resume',
  getOperation: 'opwire:operation.get',
  listOperations: 'opwire:operation.list',
  cancelOperation: 'opwire:operation.cancel',
  reauthenticate: 'opwire:auth',
} as const;

export type RequestEventName = (typeof SOCKET_EVENTS)[
  | 'join'
  | 'leave'
  | 'resume'
  | 'getOperation'
  | 'listOperations'
  | 'cancelOperation'
  | 'reauthenticate'];
