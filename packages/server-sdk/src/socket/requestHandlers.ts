import {
  type Ack,
  ackError,
  ackOk,
  type CancelOperationRequest,
  type GetOperationRequest,
  isTerminalStatus,
  type JoinRequest,
  type LeaveRequest,
  type ListOperationsRequest,
  type OperationSnapshot,
  OpwireError,
  parseRoom,
  type ResumeRequest,
  type ResumeResult,
} from '@opwire/protocol';
import { requestCancel } from '../operations/operationsApi.js';
import { isVisibleTo } from '../operations/visibility.js';
import type { SocketSession } from './socketSession.js';

type Answer<T extends object> = Promise<Ack<T>>;

const NOT_FOUND = 'No such operation, or you may not see it.';

export async function join(
  session: SocketSession,
  { room }: JoinRequest,
): Answer<{ room: string }> {
  const { principal, socket, context } = session;
  if (principal === null)
    return ackError('unauthorized', 'Anonymous sockets cannot join rooms; connect with a token.');
  if (socket.rooms.has(room)) return ackOk({ room });
  if (session.requestedRooms.size >= context.limits.maxRoomsPerSocket) {
    return denied(
      session,
      room,
      'rate_limited',
      `A socket may join at most ${context.limits.maxRoomsPerSocket} rooms.`,
    );
  }
  const parsed = parseRoom(room);
  if (parsed?.kind === 'operation') {
    const snapshot = await visible(session, parsed.operationId);
    if (snapshot === null) return denied(session, room, 'not_found', NOT_FOUND);
  } else {
    const decision = await context.policies.decide(principal, room, (error, where) =>
      context.runtime.events.emit('error', wrapPolicyError(error, where)),
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
}

export async function leave(
  session: SocketSession,
  { room }: LeaveRequest,
): Answer<{ room: string }> {
  if (session.principalRooms.includes(room)) {
    return ackError('forbidden', `"${room}" follows your credentials and cannot be left.`);
  }
  await session.socket.leave(room);
  session.requestedRooms.delete(room);
  return ackOk({ room });
}

export async function resume(
  session: SocketSession,
  { operations }: ResumeRequest,
): Answer<{ epoch: string; results: ResumeResult[] }> {
  const { store, stats } = session.context.runtime;
  const epoch = await store.epoch();
  const results: ResumeResult[] = [];
  for (const wanted of operations) {
    const snapshot = await visible(session, wanted.id);
    if (snapshot === null) {
      results.push({ id: wanted.id, status: 'not_found' });
      continue;
    }
    if (wanted.epoch !== epoch || wanted.seq > snapshot.seq) {
      stats.snapshotted += 1;
      results.push({ id: wanted.id, status: 'snapshot', reason: 'epoch_changed', snapshot });
      continue;
    }
    const history = await store.eventsAfter(wanted.id, wanted.seq);
    if (history.status === 'events') {
      stats.replayed += 1;
      results.push({ id: wanted.id, status: 'replayed', events: history.events });
    } else if (history.status === 'history_gone') {
      stats.snapshotted += 1;
      results.push({
        id: wanted.id,
        status: 'snapshot',
        reason: 'history_gone',
        snapshot: history.snapshot,
      });
    } else {
      results.push({ id: wanted.id, status: 'not_found' });
    }
  }
  return ackOk({ epoch, results });
}

export async function get(
  session: SocketSession,
  { id }: GetOperationRequest,
): Answer<{ epoch: string; snapshot: OperationSnapshot }> {
  const snapshot = await visible(session, id);
  if (snapshot === null) return ackError('not_found', NOT_FOUND);
  return ackOk({ epoch: await session.context.runtime.store.epoch(), snapshot });
}

export async function list(
  session: SocketSession,
  { status }: ListOperationsRequest,
): Answer<{ epoch: string; operations: OperationSnapshot[] }> {
  const { store } = session.context.runtime;
  const operations = await store.list({
    status: status ?? 'active',
    rooms: [...session.socket.rooms],
    limit: 100,
  });
  return ackOk({ epoch: await store.epoch(), operations });
}

export async function cancel(
  session: SocketSession,
  { id, reason }: CancelOperationRequest,
): Answer<{ id: string }> {
  const { context } = session;
  const snapshot = await visible(session, id);
  if (snapshot === null) return ackError('not_found', NOT_FOUND);
  if (isTerminalStatus(snapshot.status))
    return ackError('conflict', `Operation "${id}" already ended (${snapshot.status}).`);
  context.runtime.events.emit('operation.cancel-requested', {
    operationId: id,
    by: session.principal,
    ...(reason === undefined ? {} : { reason }),
  });
  const reached = await requestCancel(context.runtime, context.running, id, reason);
  if (!reached)
    return ackError('conflict', `Operation "${id}" is not running anywhere that can cancel it.`);
  return ackOk({ id });
}

async function visible(session: SocketSession, id: string): Promise<OperationSnapshot | null> {
  if (session.principal === null) return null;
  const snapshot = await session.context.runtime.store.get(id);
  if (snapshot === null || !isVisibleTo(snapshot, session.socket.rooms)) return null;
  return snapshot;
}

function denied<T extends object>(
  session: SocketSession,
  room: string,
  code: 'forbidden' | 'not_found' | 'invalid_request' | 'rate_limited',
  message: string,
): Ack<T> {
  const { runtime } = session.context;
  runtime.stats.joinsDenied += 1;
  runtime.events.emit('join.denied', { principal: session.principal, room, code, reason: message });
  return ackError(code, message);
}

function wrapPolicyError(error: unknown, room: string): OpwireError {
  const message = error instanceof Error ? error.message : String(error);
  return new OpwireError('internal', `The room policy for "${room}" threw: ${message}`, {
    cause: error,
  });
}
