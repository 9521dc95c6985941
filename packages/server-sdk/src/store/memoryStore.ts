import { randomUUID } from 'node:crypto';
import {
  applyOperationEvent,
  isTerminalStatus,
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';
import { applyOwnership, checkConditions } from './appendConditions.js';
import type {
  AppendOptions,
  AppendResult,
  EventDraft,
  HistoryResult,
  ListFilter,
  OperationRecord,
  OperationStore,
} from './operationStore.js';

/** Options of {@link memoryStore}; every one has a default. */
export interface MemoryStoreOptions {
  /**
   * Most operations held at once. When full, the oldest ended operation is
   * dropped; when every held operation is still running, a new one is refused.
   * @default 10000
   */
  maxOperations: number;
  /**
   * Events kept per operation for resume; older ones are trimmed.
   * @default 200
   */
  historyLimit: number;
  /**
   * How long an ended operation stays readable, in milliseconds.
   * @default 3600000 (one hour)
   */
  ttlMs: number;
  /** Clock, for tests. @default Date.now */
  now: () => number;
}

const defaults: MemoryStoreOptions = {
  maxOperations: 10_000,
  historyLimit: 200,
  ttlMs: 60 * 60 * 1000,
  now: Date.now,
};

interface Entry extends OperationRecord {
  history: OperationEvent[];
}

/**
 * The default store: everything in this process's memory, bounded by
 * `maxOperations` × `historyLimit`. Its epoch is new for every instance, so
 * clients that resume after a restart are told the history is gone. The
 * process is the owner of every operation it holds: a lease cannot run out
 * while the store lives, and ends with it.
 */
export function memoryStore(options: Partial<MemoryStoreOptions> = {}): OperationStore {
  const config = { ...defaults, ...options };
  if (config.maxOperations < 1 || config.historyLimit < 1 || config.ttlMs < 0) {
    throw new OpwireError(
      'invalid_option',
      'memoryStore needs maxOperations ≥ 1, historyLimit ≥ 1 and ttlMs ≥ 0.',
    );
  }
  const epoch = randomUUID();
  const entries = new Map<string, Entry>();
  // Ended operations in the order they ended, which is also the order they expire in.
  const ended = new Map<string, number>();
  // Waiting operations of each queue, with when they entered `queued` or were last checked.
  const queued = new Map<string, Map<string, number>>();

  const forget = (id: string) => {
    const entry = entries.get(id);
    if (entry?.queue) queued.get(entry.queue)?.delete(id);
    ended.delete(id);
    entries.delete(id);
  };

  const sweep = () => {
    const now = config.now();
    for (const [id, endedAt] of ended) {
      if (endedAt + config.ttlMs > now) break;
      forget(id);
    }
  };

  const markQueued = (queue: string, id: string, at: number | null) => {
    let waiting = queued.get(queue);
    if (at === null) {
      waiting?.delete(id);
      if (waiting?.size === 0) queued.delete(queue);
      return;
    }
    if (!waiting) {
      waiting = new Map();
      queued.set(queue, waiting);
    }
    // Deleted first, so the Map's order stays the order of the last mark.
    waiting.delete(id);
    waiting.set(id, at);
  };

  const makeRoom = () => {
    sweep();
    if (entries.size < config.maxOperations) return;
    const oldest = ended.keys().next();
    if (oldest.done) {
      throw new OpwireError(
        'unavailable',
        `The memory store holds ${config.maxOperations} running operations; raise maxOperations or let some finish.`,
      );
    }
    forget(oldest.value);
  };

  const live = (id: string): Entry | undefined => {
    sweep();
    return entries.get(id);
  };

  return {
    async epoch() {
      return epoch;
    },

    async append(draft: EventDraft, options: AppendOptions = {}): Promise<AppendResult> {
      const entry = live(draft.operationId);
      if (draft.topic === 'operation.started') {
        // An id is never reused while the store remembers it: clients may still hold its seq.
        if (entry) return { status: 'conflict', snapshot: entry.snapshot };
        makeRoom();
        const event = { ...draft, seq: 1 } as OperationEvent;
        const { snapshot } = applyOperationEvent(null, event);
        if (snapshot === null)
          throw new OpwireError('internal', 'operation.started did not start a snapshot');
        const created: Entry = {
          snapshot,
          history: [event],
          owner: null,
          queue: options.queue ?? null,
          token: 0,
        };
        Object.assign(created, applyOwnership(created, options, null));
        entries.set(draft.operationId, created);
        if (created.queue !== null && snapshot.status === 'queued')
          markQueued(created.queue, draft.operationId, config.now());
        return { status: 'appended', event, snapshot, token: created.token };
      }
      if (!entry) return { status: 'not_found' };
      if (isTerminalStatus(entry.snapshot.status))
        return { status: 'ended', snapshot: entry.snapshot };
      if (!checkConditions(entry, options, null)) return { status: 'refused', record: copy(entry) };
      const event = { ...draft, seq: entry.snapshot.seq + 1 } as OperationEvent;
      const { snapshot } = applyOperationEvent(entry.snapshot, event);
      entry.snapshot = snapshot;
      Object.assign(entry, applyOwnership(entry, options, null));
      entry.history.push(event);
      if (entry.history.length > config.historyLimit) entry.history.shift();
      if (isTerminalStatus(snapshot.status)) {
        ended.set(draft.operationId, config.now());
        entry.owner = null;
      }
      if (entry.queue !== null) {
        const waiting = snapshot.status === 'queued' && entry.owner === null;
        markQueued(entry.queue, draft.operationId, waiting ? config.now() : null);
      }
      return { status: 'appended', event, snapshot, token: entry.token };
    },

    async record(operationId) {
      const entry = live(operationId);
      return entry ? copy(entry) : null;
    },

    async renew(operationId, token) {
      const entry = live(operationId);
      if (entry === undefined) return 'missing';
      const owned =
        !isTerminalStatus(entry.snapshot.status) &&
        entry.owner !== null &&
        entry.owner.token === token;
      return owned ? 'renewed' : 'lost';
    },

    async queuedBefore(queue, before, limit) {
      sweep();
      const ids: string[] = [];
      for (const [id, at] of queued.get(queue) ?? []) {
        if (ids.length >= limit || at >= before) break;
        ids.push(id);
      }
      return ids;
    },

    async markQueued(queue, operationId, at) {
      markQueued(queue, operationId, at);
    },

    async get(operationId) {
      return live(operationId)?.snapshot ?? null;
    },

    async eventsAfter(operationId, afterSeq): Promise<HistoryResult> {
      const entry = live(operationId);
      if (!entry) return { status: 'not_found' };
      const oldest = entry.history[0]?.seq ?? entry.snapshot.seq + 1;
      if (afterSeq + 1 < oldest) return { status: 'history_gone', snapshot: entry.snapshot };
      return { status: 'events', events: entry.history.filter((event) => event.seq > afterSeq) };
    },

    async list(filter: ListFilter) {
      sweep();
      const rooms = filter.rooms === undefined ? null : new Set(filter.rooms);
      const result: OperationSnapshot[] = [];
      for (const { snapshot } of entries.values()) {
        if (filter.status === 'active' && isTerminalStatus(snapshot.status)) continue;
        if (rooms === null || snapshot.audience.some((room) => rooms.has(room)))
          result.push(snapshot);
      }
      return result.sort((a, b) => b.startedAt - a.startedAt).slice(0, filter.limit);
    },

    async close() {
      entries.clear();
      ended.clear();
      queued.clear();
    },
  };
}

function copy(entry: Entry): OperationRecord {
  return {
    snapshot: entry.snapshot,
    owner: entry.owner && { ...entry.owner },
    queue: entry.queue,
    token: entry.token,
  };
}
