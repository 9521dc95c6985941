import { SOCKET_EVENTS } from '@opwire/protocol';
import type { SocketSession } from './socketSession.js';

/** The socket's credentials expired without a re-authentication: tell it, then drop it. */
export function expireSession(session: SocketSession): void {
  const { socket, principal, context } = session;
  if (principal === null) return;
  context.runtime.events.emit('auth.expired', { socketId: socket.id, principal });
  socket.emit(SOCKET_EVENTS.authExpired, {
    expiredAt: session.expiresAt ?? context.runtime.timers.now(),
  });
  socket.disconnect(true);
}
