import {
  acceptsClientVersions,
  type Hello,
  handshakeAuthSchema,
  OpwireError,
  PROTOCOL_VERSION,
  SOCKET_EVENTS,
  type WireErrorCode,
} from '@opwire/protocol';
import type { Namespace, Socket } from 'socket.io';
import { runAuthenticate } from '../auth/authenticate.js';
import {
  forgetAuthorization,
  handshakeToken,
  withoutAuthorization,
  withoutToken,
} from '../auth/credentials.js';
import type { AuthResult } from '../auth/types.js';
import { principalRooms } from '../rooms/principalRooms.js';
import type { ServerContext } from '../serverContext.js';
import { handshakeOriginProblem } from './originGuard.js';
import { REQUEST_LISTENERS } from './requestListeners.js';
import { attachSession, SocketSession, sessionOf } from './socketSession.js';

/** What the handshake check accepted, until the socket is set up. */
const verified = new WeakMap<Socket, AuthResult>();

/**
 * Refuses sockets whose handshake comes from a refused origin (or asks for
 * JSONP), or has no acceptable credentials or protocol version.
 */
export function installHandshakeCheck(
  namespace: Namespace,
  context: ServerContext,
  isClosed: () => boolean,
): void {
  const { runtime } = context;
  namespace.use((socket, next) => {
    const refuse = (code: WireErrorCode, message: string) => {
      runtime.stats.connectionsRefused += 1;
      runtime.events.emit('connection.refused', {
        reason: message,
        code:
          code === 'unsupported_version' || code === 'unavailable' || code === 'forbidden'
            ? code
            : 'unauthorized',
      });
      next(Object.assign(new Error(message), { data: { code, message } }));
    };
    if (isClosed()) {
      refuse('unavailable', 'The server is shutting down; reconnect shortly.');
      // Drop the transport once the refusal is out, so the client's own reconnection tries
      // again (another node, or this one when it is back).
      setImmediate(() => socket.conn.close());
      return;
    }
    const originProblem = handshakeOriginProblem(socket, context.allowedOrigins);
    if (originProblem !== null) {
      return refuse('forbidden', `Handshake refused: ${originProblem}.`);
    }
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
    const versions = auth.success ? auth.data : {};
    if (!acceptsClientVersions(versions.v, versions.vmax)) {
      return refuse(
        'unsupported_version',
        `This server speaks opwire protocol v${PROTOCOL_VERSION} and the client reads only v${versions.vmax ?? versions.v}; reload the page to get the new client, or upgrade @opwire/client.`,
      );
    }
    const presented = handshakeToken(socket.handshake.auth, socket.handshake.headers);
    if (presented.kind === 'malformed') {
      return refuse(
        'unauthorized',
        `Authentication failed: ${presented.reason}. Connect with a valid token.`,
      );
    }
    const token = presented.kind === 'token' ? presented.token : undefined;
    const accept = (result: AuthResult | null) => {
      if (result !== null) {
        verified.set(socket, result);
        // Checked once: re-authentication brings its own token, so none is kept per connection.
        socket.handshake.auth = withoutToken(socket.handshake.auth);
        // The request belongs to the connection. On a server opwire created it is opwire's
        // alone; on one passed in, the application's other namespaces share it, and their
        // middleware may still read the header, so only this socket's view loses it.
        if (context.ownsSocketServer) forgetAuthorization(socket.request);
        else socket.handshake.headers = withoutAuthorization(socket.handshake.headers);
      }
      next();
    };
    if (context.authenticate === undefined) return accept(null);
    runAuthenticate(
      context.authenticate,
      { token, headers: socket.handshake.headers, transport: 'socket' },
      runtime.timers.now(),
    )
      .then((outcome) => {
        if (outcome.ok) return accept(outcome.result);
        if (outcome.error !== undefined)
          runtime.events.emit('error', OpwireError.from(outcome.error, 'unavailable'));
        if (outcome.code === 'unavailable') {
          return refuse(
            'unavailable',
            `Credentials could not be checked right now (${outcome.reason}); reconnect shortly.`,
          );
        }
        if (context.allowAnonymous && token === undefined) return accept(null);
        refuse(
          'unauthorized',
          `Authentication failed: ${outcome.reason}. Connect with a valid token.`,
        );
      })
      .catch((error: unknown) => refuse('unauthorized', `Authentication failed: ${String(error)}`));
  });
}

/** Sets a newly connected socket up: rooms, hello, expiry, request handlers. */
export async function setUpSocket(socket: Socket, context: ServerContext): Promise<void> {
  const { runtime } = context;
  const auth = verified.get(socket) ?? null;
  verified.delete(socket);
  const principal = auth?.principal ?? null;
  const rooms = principal ? principalRooms(principal, context.platformRole) : [];
  const session = new SocketSession(socket, context, auth, rooms);
  attachSession(session);
  if (principal) runtime.stats.authenticated += 1;
  else runtime.stats.anonymous += 1;

  socket.on('disconnect', onDisconnect);
  for (const [event, listener] of REQUEST_LISTENERS) socket.on(event, listener);

  await socket.join(rooms);
  // A socket that closed during the join must not stay in the schedule.
  if (socket.connected) context.expiry.set(session, session.expiresAt);
  let epoch: string;
  try {
    epoch = await runtime.store.epoch();
  } catch (error) {
    runtime.events.emit('error', OpwireError.from(error, 'unavailable'));
    epoch = 'unavailable';
  }
  const hello: Hello = {
    v: PROTOCOL_VERSION,
    epoch,
    principal,
    rooms,
    expiresAt: session.expiresAt,
    serverTime: runtime.timers.now(),
  };
  socket.emit(SOCKET_EVENTS.hello, hello);
  runtime.events.emit('connection.accepted', { socketId: socket.id, principal, rooms });
}

function onDisconnect(this: Socket, reason: string): void {
  const session = sessionOf(this);
  if (session === undefined) return;
  const { runtime, expiry } = session.context;
  expiry.delete(session);
  if (session.authenticatedAtConnect) runtime.stats.authenticated -= 1;
  else runtime.stats.anonymous -= 1;
  runtime.events.emit('connection.closed', {
    socketId: this.id,
    principal: session.principal,
    reason,
  });
}
