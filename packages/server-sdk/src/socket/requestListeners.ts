import { type Ack, ackError, OpwireError, requestSchemas } from '@opwire/protocol';
import type { Socket } from 'socket.io';
import { resumeCost } from '../requests/requestCost.js';
import { chargeTokens, takeToken } from './rateLimiter.js';
import { reauthenticate } from './reauthenticate.js';
import { cancel, get, join, leave, list, resume } from './requestHandlers.js';
import { dropIfSlowReader } from './slowReaders.js';
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

/** Rate-limiter units a valid request costs before it runs; one unless it says otherwise. */
function upfrontCost(event: RequestEvent, request: unknown): number {
  if (event !== 'opwire:resume') return 1;
  return resumeCost((request as RequestOf<'opwire:resume'>).operations.length);
}

type AckFunction = (answer: Ack<object>) => void;
type RequestListener = (this: Socket, ...args: unknown[]) => void;

/**
 * One listener per request event, shared by every socket: Socket.IO calls a
 * listener with the socket as `this`, so none needs a closure of its own. The
 * acknowledgement is the last argument and the request the first one before
 * it; a request sent with its acknowledgement alone is answered too (it is
 * invalid), and one without an acknowledgement cannot be answered and is dropped.
 */
export const REQUEST_LISTENERS: ReadonlyArray<readonly [RequestEvent, RequestListener]> = (
  Object.keys(HANDLERS) as RequestEvent[]
).map((event) => [
  event,
  function (this: Socket, ...args: unknown[]) {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') return;
    void answer(this, event, args.length > 1 ? args[0] : undefined, ack as AckFunction);
  },
]);

async function answer(
  socket: Socket,
  event: RequestEvent,
  request: unknown,
  ack: AckFunction,
): Promise<void> {
  const session = sessionOf(socket);
  if (session === undefined) {
    return ack(ackError('unavailable', 'The connection is not set up yet; retry shortly.'));
  }
  // Nothing more for a client that is gone, or is not reading what it was sent.
  if (!socket.connected || dropIfSlowReader(session)) return;
  const { runtime, limits } = session.context;
  runtime.stats.requests += 1;
  const reply = (answer: Ack<object>) => {
    // Checked again before each answer is queued: requests that arrived together were all
    // let in while the queue was still short.
    if (dropIfSlowReader(session)) return;
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
  // Charged before any work starts, so requests sent together each see what the others cost.
  chargeTokens(session, upfrontCost(event, parsed.data) - 1);
  try {
    reply(await HANDLERS[event](session, parsed.data as never));
  } catch (error) {
    runtime.events.emit('error', OpwireError.from(error));
    reply(ackError('internal', `The server failed to handle ${event}.`));
  }
}
