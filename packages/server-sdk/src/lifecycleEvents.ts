import type { OperationSnapshot, OpwireError, Principal } from '@opwire/protocol';

/**
 * Server-side lifecycle events on `opwire.events`, for logging and audit.
 *
 * @example opwire.events.on('join.denied', ({ principal, room, code }) => log.warn(...))
 */
export interface OpwireServerEvents {
  'connection.accepted': (info: {
    socketId: string;
    principal: Principal | null;
    rooms: string[];
  }) => void;
  'connection.refused': (info: {
    reason: string;
    code: 'unauthorized' | 'unsupported_version' | 'unavailable';
  }) => void;
  'connection.closed': (info: {
    socketId: string;
    principal: Principal | null;
    reason: string;
  }) => void;
  'auth.expired': (info: { socketId: string; principal: Principal }) => void;
  'auth.refreshed': (info: {
    socketId: string;
    principal: Principal;
    expiresAt: number | null;
  }) => void;
  'join.denied': (info: {
    principal: Principal | null;
    room: string;
    code: string;
    reason: string;
  }) => void;
  'request.rejected': (info: { event: string; code: string; socketId: string }) => void;
  'operation.started': (snapshot: OperationSnapshot) => void;
  'operation.ended': (snapshot: OperationSnapshot) => void;
  'operation.cancel-requested': (info: {
    operationId: string;
    by: Principal | null;
    reason?: string;
  }) => void;
  /** A call on an operation that already ended, or that never started; it was ignored. */
  'operation.ignored': (info: { operationId: string; call: string; reason: string }) => void;
  /** Something failed that did not stop the server: a throwing policy or handler, a store error. */
  error: (error: OpwireError) => void;
}
