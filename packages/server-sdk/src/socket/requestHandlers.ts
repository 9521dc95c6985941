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
import type { Socket } from 'socket.io';
import { requestCancel } from '../operations/operationsApi.js';
import { isVisibleTo } from '../operations/visibility.js';
import type { ServerContext } from '../serverContext.js';
import type { SocketSession } from './socketSession.js';

type Answer<T extends object> = Promise<Ack<T>>;

const NOT_FOUND = 'No such operation, or you may not see it.';

export class RequestHandlers {
  readonly #context: ServerContext;
  readonly #socket: Socket;
  readonly #session: SocketSession;

  constructor(context: ServerContext, socket: Socket, session: SocketSession) {
    this.#context = context;
    this.#socket = socket;
    this.#session = session;
  }

  async join({ room }: JoinRequest): Answer<{ room: string }> {
    const { principal } = this.#session;
    if (principal === null)
      return ackError('unauthorized', 'Anonymous sockets cannot join rooms; connect with a token.');
    if (this.#socket.rooms.has(room)) return ackOk({ room });
    if (this.#session.requestedRooms.size >= this.#context.limits.maxRoomsPerSocket) {
      return this.#denied(
        room,
        'rate_limited',
        `A socket may join at most ${this.#context.limits.maxRoomsPerSocket} rooms.`,
      );
    }
    const parsed = parseRoom(room);
    if (parsed?.kind === 'operation') {
      const snapshot = await this.#visible(parsed.operationId);
      if (snapshot === null) return this.#denied(room, 'not_found', NOT_FOUND);
    } else {
      const decision = await this.#context.policies.decide(principal, room, (error, where) =>
        this.#context.runtime.events.emit('error', wrapPolicyError(error, where)),
      );
      if (!decision.allowed) {
        const message =
          decision.code === 'forbidden' ? `You may not join "${room}".` : decision.reason;
        return this.#denied(room, decision.code, message);
      }
    }
    await this.#socket.join(room);
    this.#session.requestedRooms.add(room);
    return ackOk({ room });
  }

  async leave({ room }: LeaveRequest): Answer<{ room: string }> {
    if (this.#session.principalRooms.includes(room)) {
      return ackError('forbidden', `"${room}" follows your credentials and cannot be left.`);
    }
    await this.#socket.leave(room);
    this.#session.requestedRooms.delete(room);
    return ackOk({ room });
  }

  async resume({ operations }: ResumeRequest): Answer<{ epoch: string; results: ResumeResult[] }> {
    const { store } = this.#context.runtime;
    const stats = this.#context.runtime.stats;
    const epoch = await store.epoch();
    const results: ResumeResult[] = [];
    for (const wanted of operations) {
      const snapshot = await this.#visible(wanted.id);
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

  async get({ id }: GetOperationRequest): Answer<{ epoch: string; snapshot: OperationSnapshot }> {
    const snapshot = await this.#visible(id);
    if (snapshot === null) return ackError('not_found', NOT_FOUND);
    return ackOk({ epoch: await this.#context.runtime.store.epoch(), snapshot });
  }

  async list({
    status,
  }: ListOperationsRequest): Answer<{ epoch: string; operations: OperationSnapshot[] }> {
    const { store } = this.#context.runtime;
    const operations = await store.list({
      status: status ?? 'active',
      rooms: [...this.#socket.rooms],
      limit: 100,
    });
    return ackOk({ epoch: await store.epoch(), operations });
  }

  async cancel({ id, reason }: CancelOperationRequest): Answer<{ id: string }> {
    const snapshot = await this.#visible(id);
    if (snapshot === null) return ackError('not_found', NOT_FOUND);
    if (isTerminalStatus(snapshot.status))
      return ackError('conflict', `Operation "${id}" already ended (${snapshot.status}).`);
    this.#context.runtime.events.emit('operation.cancel-requested', {
      operationId: id,
      by: this.#session.principal,
      ...(reason === undefined ? {} : { reason }),
    });
    const reached = await requestCancel(this.#context.runtime, this.#context.running, id, reason);
    if (!reached)
      return ackError('conflict', `Operation "${id}" is not running anywhere that can cancel it.`);
    return ackOk({ id });
  }

  async #visible(id: string): Promise<OperationSnapshot | null> {
    if (this.#session.principal === null) return null;
    const snapshot = await this.#context.runtime.store.get(id);
    if (snapshot === null || !isVisibleTo(snapshot, this.#socket.rooms)) return null;
    return snapshot;
  }

  #denied<T extends object>(
    room: string,
    code: 'forbidden' | 'not_found' | 'invalid_request' | 'rate_limited',
    message: string,
  ): Ack<T> {
    this.#context.runtime.stats.joinsDenied += 1;
    this.#context.runtime.events.emit('join.denied', {
      principal: this.#session.principal,
      room,
      code,
      reason: message,
    });
    return ackError(code, message);
  }
}

function wrapPolicyError(error: unknown, room: string): OpwireError {
  const message = error instanceof Error ? error.message : String(error);
  return new OpwireError('internal', `The room policy for "${room}" threw: ${message}`, {
    cause: error,
  });
}
