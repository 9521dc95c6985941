import { type Ack, ackError, OpwireError, requestSchemas } from '@opwire/protocol';
import type { Socket } from 'socket.io';
import { takeToken } from './rateLimiter.js';
import { reauthenticate } from './reauthenticate.js';
import { cancel, get, join, leave, list, resume } from './requestHandlers.js';
import { type SocketSession, sessionOf } from './socketSession.js';

type RequestEvent = keyof typeof requestSchemas;
type RequestOf<E extends RequestEvent> = ReturnType<(typeof requestSchemas)[E]['parse']>;
type Handler<E extends RequestEvent> = (
  session: SocketSession,
  request: RequestOf<E>,
) => Promise<Ack<object>>;

const HANDLERS: { readonly [E in RequestEvent]: Handler<E> } = {
  'opwire:join': join,
  'opwire:leave': leave,
  'opwire:resume': resume,
  'opwire:operation.get': get,
  'opwire:operation.list': list,
  'opwire:operation.cancel': cancel,
  'opwire:auth': reauthenticate,
};

type RequestListener = (this: Socket, request: unknown, ack: unknown) => void;

/**
 * One listener per request event, shared by every socket: Socket.IO calls a
 * listener with the socket as `this`, so none needs a closure of its own.
 */
export const REQUEST_LISTENERS: ReadonlyArray<readonly [RequestEvent, RequestListener]> = (
  Object.keys(HANDLERS) as RequestEvent[]
).map((event) => [
  event,
  function (this: Socket, request: unknown, ack: unknown) {
    void answer(this, event, request, ack);
  },
]);

async function answer(
  socket: Socket,
  event: RequestEvent,
  request: unknown,
  ack: unknown,
): Promise<void> {
  const session = sessionOf(socket);
  if (typeof ack !== 'function' || session === undefined) return;
  const { runtime, limits } = session.context;
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
  if (!takeToken(session, limits.requestsPerSecond, limits.burst, runtime.timers.now())) {
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
    reply(await HANDLERS[event](session, parsed.data as never));
  } catch (error) {
    runtime.events.emit('error', OpwireError.from(error));
    reply(ackError('internal', `The server failed to handle ${event}.`));
  }
}
