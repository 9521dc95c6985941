import {
  type Ack,
  ackError,
  ackOk,
  OpwireError,
  type ReauthenticateRequest,
} from '@opwire/protocol';
import { runAuthenticate } from '../auth/authenticate.js';
import { visibleOperation } from '../requests/visibleOperation.js';
import { policyError } from '../rooms/policyError.js';
import { principalRooms } from '../rooms/principalRooms.js';
import type { SocketSession } from './socketSession.js';

/**
 * Swaps a socket's credentials for fresh ones without reconnecting. The user
 * must stay the same; tenant and roles may change, and the socket's rooms
 * follow: built-in rooms are recomputed and custom rooms re-checked. The
 * socket's expiry moves to the new credentials'.
 */
export async function reauthenticate(
  session: SocketSession,
  { token }: ReauthenticateRequest,
): Promise<Ack<{ expiresAt: number | null; rooms: string[] }>> {
  const { context, socket } = session;
  const { runtime } = context;
  if (context.authenticate === undefined)
    return ackError('invalid_request', 'This server has no authenticator.');
  const outcome = await runAuthenticate(
    context.authenticate,
    { token, headers: socket.handshake.headers, transport: 'socket' },
    runtime.timers.now(),
  );
  if (!outcome.ok && outcome.code === 'unavailable') {
    if (outcome.error !== undefined)
      runtime.events.emit('error', OpwireError.from(outcome.error, 'unavailable'));
    return ackError(
      'unavailable',
      `The new token could not be checked right now (${outcome.reason}); try again shortly.`,
    );
  }
  if (!outcome.ok) return ackError('unauthorized', `The new token was refused: ${outcome.reason}.`);
  const { principal, expiresAt } = outcome.result;
  if (session.principal !== null && session.principal.userId !== principal.userId) {
    return ackError(
      'unauthorized',
      'A new token must belong to the same user; reconnect to switch users.',
    );
  }

  const nextRooms = principalRooms(principal, context.platformRole);
  for (const room of session.principalRooms)
    if (!nextRooms.includes(room)) await socket.leave(room);
  await socket.join(nextRooms);
  session.principal = principal;
  session.expiresAt = expiresAt;
  session.principalRooms = nextRooms;
  // A socket that closed meanwhile must not stay in the schedule.
  if (socket.connected) context.expiry.set(session, expiresAt);

  for (const room of [...session.requestedRooms]) {
    if (room.startsWith('operation:')) continue;
    const decision = await context.policies.decide(principal, room, (error, where) =>
      runtime.events.emit('error', policyError(error, where)),
    );
    if (!decision.allowed) {
      await socket.leave(room);
      session.requestedRooms.delete(room);
    }
  }
  // Operation rooms stay for operations the socket may still see without them.
  const rooms = new Set([...socket.rooms].filter((room) => !room.startsWith('operation:')));
  for (const room of [...session.requestedRooms]) {
    if (!room.startsWith('operation:')) continue;
    const operationId = room.slice('operation:'.length);
    if ((await visibleOperation(context, { principal, rooms }, operationId)) === null) {
      await socket.leave(room);
      session.requestedRooms.delete(room);
    }
  }
  runtime.events.emit('auth.refreshed', { socketId: socket.id, principal, expiresAt });
  return ackOk({ expiresAt, rooms: [...socket.rooms].filter((room) => room !== socket.id) });
}
