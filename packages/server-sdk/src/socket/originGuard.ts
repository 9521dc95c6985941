import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket, Server as SocketIOServer } from 'socket.io';
import { asksForJsonp, crossOriginProblem } from '../origins/originPolicy.js';

/**
 * Why this socket's handshake must be refused for where it comes from, or
 * `null`. Read in opwire's namespace middleware, so it holds on any Socket.IO
 * server, one the user passed in included, and touches none of its other
 * namespaces.
 */
export function handshakeOriginProblem(
  socket: Socket,
  allowedOrigins: readonly string[] | undefined,
): string | null {
  if (asksForJsonp(socket.handshake.query)) return 'JSONP polling is not accepted';
  return crossOriginProblem(socket.handshake.headers, allowedOrigins);
}

/**
 * On a Socket.IO server opwire created, refuses the same requests earlier,
 * as Engine.IO middleware: before any engine session exists, with a 403.
 */
export function installEngineOriginGuard(
  io: SocketIOServer,
  allowedOrigins: readonly string[] | undefined,
): void {
  io.engine.use((req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    const query = new URL(req.url ?? '/', 'http://engine.invalid').searchParams;
    const problem = query.has('j')
      ? 'JSONP polling is not accepted'
      : crossOriginProblem(req.headers, allowedOrigins);
    if (problem === null) return next();
    // Not next(error): Engine.IO would answer 400 "Bad request". The chain is left
    // unsettled on purpose; nothing holds it once this returns.
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 4, message: `Forbidden: ${problem}` }));
  });
}
