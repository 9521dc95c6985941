import type { Namespace } from 'socket.io';
import { dropConnection, queuedBytes } from './outgoingBuffer.js';
import { type SocketSession, sessionOf } from './socketSession.js';

/** How often every socket of the namespace is checked, in ms. */
const SWEEP_INTERVAL_MS = 1_000;

/**
 * Disconnects the socket when more than `limits.maxBufferedBytes` wait for its
 * client to read them (a client that stopped reading, perhaps on purpose), so
 * the server stops feeding it. Returns whether it did.
 */
export function dropIfSlowReader(session: SocketSession): boolean {
  const { socket, context } = session;
  if (!socket.connected) return false;
  const bytes = queuedBytes(socket);
  if (bytes <= context.limits.maxBufferedBytes) return false;
  context.runtime.events.emit('connection.dropped', {
    socketId: socket.id,
    principal: session.principal,
    reason: 'slow_reader',
    queuedBytes: bytes,
  });
  dropConnection(socket);
  return true;
}

/**
 * Checks every socket of the namespace each second, for clients that stop
 * reading while the server keeps sending them events (requests are checked
 * as they arrive). Returns the function that stops it.
 */
export function startSlowReaderSweep(namespace: Namespace): () => void {
  const timer = setInterval(() => {
    for (const socket of namespace.sockets.values()) {
      const session = sessionOf(socket);
      if (session !== undefined) dropIfSlowReader(session);
    }
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
