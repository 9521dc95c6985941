import {
  type Ack,
  ackError,
  ackOk,
  type CancelOperationRequest,
  type GetOperationRequest,
  type JoinRequest,
  type LeaveRequest,
  type ListOperationsRequest,
  parseRoom,
  type ResumeRequest,
  type WireErrorCode,
} from '@opwire/protocol';
import { cancelOperation } from '../requests/cancelOperation.js';
import { getOperation } from '../requests/getOperation.js';
import { listOperations } from '../requests/listOperations.js';
import { operationRoomAccess } from '../requests/operationRoomAccess.js';
import { isRefusal, type RequestFunction } from '../requests/requestCore.js';
import { answerCost } from '../requests/requestCost.js';
import { resumeOperations } from '../requests/resumeOperations.js';
import { policyError } from '../rooms/policyError.js';
import { chargeTokens } from './rateLimiter.js';
import type { SocketSession } from './socketSession.js';

type Answer<T extends object> = Promise<Ack<T>>;

/** A request of the core as a socket request: the session is the caller. */
function overSocket<TInput, TResult extends object>(
  request: RequestFunction<TInput, TResult>,
): (session: SocketSession, input: TInput) => Answer<TResult> {
  return async (session, input) => {
    const outcome = await request(session.context, session, input);
    return isRefusal(outcome) ? ackError(outcome.code, outcome.message) : ackOk(outcome);
  };
}

export const get: (session: SocketSession, input: GetOperationRequest) => Answer<object> =
  overSocket(getOperation);
export const list: (session: SocketSession, input: ListOperationsRequest) => Answer<object> =
  overSocket(listOperations);
export const cancel: (session: SocketSession, input: CancelOperationRequest) => Answer<object> =
  overSocket(cancelOperation);

export async function resume(session: SocketSession, input: ResumeRequest): Answer<object> {
  const outcome = await resumeOperations(session.context, session, input);
  if (isRefusal(outcome)) return ackError(outcome.code, outcome.message);
  // A big answer costs more than the request was charged up front.
  chargeTokens(session, answerCost(outcome.bytes));
  return ackOk({ epoch: outcome.epoch, results: outcome.results });
}

export async function join(session: SocketSession, { room }: JoinRequest): Answer<object> {
  const { principal, socket, context } = session;
  if (principal === null)
    return ackError('unauthorized', 'Anonymous sockets cannot join rooms; connect with a token.');
  if (socket.rooms.has(room)) return ackOk({ room });
  const { maxRoomsPerSocket } = context.limits;
  if (session.requestedRooms.size + session.joinsInFlight >= maxRoomsPerSocket) {
    return denied(
      session,
      room,
      'rate_limited',
      `A socket may join at most ${maxRoomsPerSocket} rooms.`,
    );
  }
  session.joinsInFlight += 1;
  try {
    const parsed = parseRoom(room);
    if (parsed?.kind === 'operation') {
      const access = await operationRoomAccess(context, session, {
        operationId: parsed.operationId,
      });
      if (isRefusal(access)) return denied(session, room, 'not_found', access.message);
    } else {
      const decision = await context.policies.decide(principal, room, (error, where) =>
        context.runtime.events.emit('error', policyError(error, where)),
      );
      if (!decision.allowed) {
        const message =
          decision.code === 'forbidden' ? `You may not join "${room}".` : decision.reason;
        return denied(session, room, decision.code, message);
      }
    }
    await socket.join(room);
    session.requestedRooms.add(room);
    return ackOk({ room });
  } finally {
    session.joinsInFlight -= 1;
  }
}

export async function leave(session: SocketSession, { room }: LeaveRequest): Answer<object> {
  if (session.principalRooms.includes(room)) {
    return ackError('forbidden', `"${room}" follows your credentials and cannot be left.`);
  }
  await session.socket.leave(room);
  session.requestedRooms.delete(room);
  return ackOk({ room });
}

function denied(
  session: SocketSession,
  room: string,
  code: Extract<WireErrorCode, 'forbidden' | 'not_found' | 'invalid_request' | 'rate_limited'>,
  message: string,
): Ack<never> {
  const { runtime } = session.context;
  runtime.stats.joinsDenied += 1;
  runtime.events.emit('join.denied', { principal: session.principal, room, code, reason: message });
  return ackError(code, message);
}
