import {
  type Ack,
  ackError,
  type Hello,
  handshakeAuthSchema,
  OpwireError,
  PROTOCOL_VERSION,
  requestSchemas,
  SOCKET_EVENTS,
  type WireErrorCode,
} from '@opwire/protocol';
import type { Namespace, Socket } from 'socket.io';
import { runAuthenticate } from '../auth/authenticate.js';
import { handshakeToken } from '../auth/credentials.js';
import type { AuthResult } from '../auth/types.js';
import { principalRooms } from '../rooms/principalRooms.js';
import type { ServerContext } from '../serverContext.js';
import { reauthenticate } from './reauthenticate.js';
import { RequestHandlers } from './requestHandlers.js';
import { SocketSession } from './socketSession.js';

type RequestEvent = keyof typeof requestSchemas;

/** Refuses sockets whose handshake has no acceptable credentials or protocol version. */
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
        code: code === 'unsupported_version' || code === 'unavailable' ? code : 'unauthorized',
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
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
    const version = auth.success ? auth.data.v : undefined;
    if (version !== undefined && version !== PROTOCOL_VERSION) {
      return refuse(
        'unsupported_version',
        `This server speaks opwire protocol v${PROTOCOL_VERSION}; upgrade the client.`,
      );
    }
    const token = handshakeToken(socket.handshake.auth, socket.handshake.headers);
    const accept = (result: AuthResult | null) => {
      socket.data.opwireAuth = result;
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
          runtime.events.emit('error', OpwireError.from(outcome.error));
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
  const auth = (socket.data.opwireAuth ?? null) as AuthResult | null;
  const principal = auth?.principal ?? null;
  const rooms = principal ? principalRooms(principal, context.platformRole) : [];
  const session = new SocketSession(
    principal,
    auth?.expiresAt ?? null,
    rooms,
    context.limits,
    runtime.timers,
  );
  socket.data.opwireAuth = undefined;
  if (principal) runtime.stats.authenticated += 1;
  else runtime.stats.anonymous += 1;

  socket.on('disconnect', (reason) => {
    session.dispose();
    if (principal) runtime.stats.authenticated -= 1;
    else runtime.stats.anonymous -= 1;
    runtime.events.emit('connection.closed', {
      socketId: socket.id,
      principal: session.principal,
      reason,
    });
  });

  const onExpired = () => {
    if (!session.principal) return;
    runtime.events.emit('auth.expired', { socketId: socket.id, principal: session.principal });
    socket.emit(SOCKET_EVENTS.authExpired, {
      expiredAt: session.expiresAt ?? runtime.timers.now(),
    });
    socket.disconnect(true);
  };

  const handlers = new RequestHandlers(context, socket, session);
  const handle = <E extends RequestEvent>(
    event: E,
    run: (request: ReturnType<(typeof requestSchemas)[E]['parse']>) => Promise<Ack<object>>,
  ) => {
    socket.on(event as string, async (request: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      runtime.stats.requests += 1;
      const reply = (answer: Ack<object>) => {
        if (!answer.ok) {
          runtime.stats.requestsRejected += 1;
          runtime.events.emit('request.rejected', {
            event,
            code: answer.error.code,
            socketId: socket.id,
          });
        }
        ack(answer);
      };
      if (!session.limiter.take(runtime.timers.now())) {
        return reply(
          ackError('rate_limited', 'Too many requests from this socket; slow down and retry.'),
        );
      }
      const parsed = requestSchemas[event].safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
        return reply(
          ackError(
            'invalid_request',
            `Invalid ${event} request${where}: ${issue?.message ?? 'malformed'}`,
          ),
        );
      }
      try {
        reply(await run(parsed.data as never));
      } catch (error) {
        runtime.events.emit('error', OpwireError.from(error));
        reply(ackError('internal', `The server failed to handle ${event}.`));
      }
    });
  };

  handle(SOCKET_EVENTS.join, (request) => handlers.join(request));
  handle(SOCKET_EVENTS.leave, (request) => handlers.leave(request));
  handle(SOCKET_EVENTS.resume, (request) => handlers.resume(request));
  handle(SOCKET_EVENTS.getOperation, (request) => handlers.get(request));
  handle(SOCKET_EVENTS.listOperations, (request) => handlers.list(request));
  handle(SOCKET_EVENTS.cancelOperation, (request) => handlers.cancel(request));
  handle(SOCKET_EVENTS.reauthenticate, async ({ token }) => {
    const answer = await reauthenticate(context, socket, session, token);
    if (answer.ok) session.armExpiry(onExpired);
    return answer;
  });

  await socket.join(rooms);
  session.armExpiry(onExpired);
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
