import type { OperationSnapshot, OpwireError, Principal } from '@opwire/protocol';

/**
 * Server-side lifecycle events on `opwire.events`, for logging and audit.
 *
 * @example opwire.events.on('join.denied', ({ principal, room, code }) => log.warn(...))
 */
export interface OpwireServerEvents {
  /** A socket was authenticated (or accepted anonymously) and placed in its built-in rooms. */
  'connection.accepted': (info: {
    socketId: string;
    principal: Principal | null;
    rooms: string[];
  }) => void;
  /**
   * A handshake was refused: bad or missing credentials (`unauthorized`), another protocol
   * version, a server shutting down, or a refused origin or JSONP polling (`forbidden`).
   */
  'connection.refused': (info: {
    reason: string;
    code: 'unauthorized' | 'forbidden' | 'unsupported_version' | 'unavailable';
  }) => void;
  /** A socket disconnected; `reason` is Socket.IO's disconnect reason. */
  'connection.closed': (info: {
    socketId: string;
    principal: Principal | null;
    reason: string;
  }) => void;
  /**
   * The server disconnected a socket to protect itself: `slow_reader` when more
   * than `limits.maxBufferedBytes` (`queuedBytes`) waited for a client that did
   * not read them.
   */
  'connection.dropped': (info: {
    socketId: string;
    principal: Principal | null;
    reason: 'slow_reader';
    queuedBytes: number;
  }) => void;
  /** A socket's credentials expired; the server sent `opwire:auth-expired` and disconnects it. */
  'auth.expired': (info: { socketId: string; principal: Principal }) => void;
  /**
   * A socket swapped its credentials for fresh ones (`opwire:auth`); `expiresAt` is the new expiry.
   */
  'auth.refreshed': (info: {
    socketId: string;
    principal: Principal;
    expiresAt: number | null;
  }) => void;
  /** A room join was refused; `code` is the error the client got, e.g. `forbidden`. */
  'join.denied': (info: {
    principal: Principal | null;
    room: string;
    code: string;
    reason: string;
  }) => void;
  /** A client request was answered with an error; `event` is its Socket.IO event name. */
  'request.rejected': (info: { event: string; code: string; socketId: string }) => void;
  /** An operation started (or was enqueued, or had an attempt claimed) on this node; the payload is its snapshot. */
  'operation.started': (snapshot: OperationSnapshot) => void;
  /**
   * An operation that ran on this node ended, or one this node ended because its owner was
   * lost or its queued job disappeared; the payload is its final snapshot.
   */
  'operation.ended': (snapshot: OperationSnapshot) => void;
  /** A client asked, over a socket or HTTP, to cancel an operation; `by` is who asked. */
  'operation.cancel-requested': (info: {
    operationId: string;
    by: Principal | null;
    reason?: string;
  }) => void;
  /** A call on an operation that already ended, never started, or runs elsewhere; it was ignored. */
  'operation.ignored': (info: { operationId: string; call: string; reason: string }) => void;
  /** Something failed that did not stop the server: a throwing policy or handler, a store error. */
  error: (error: OpwireError) => void;
}
