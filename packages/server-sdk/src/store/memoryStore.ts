import { randomUUID } from 'node:crypto';
import {
  applyOperationEvent,
  isTerminalStatus,
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';
import type {
  AppendResult,
  EventDraft,
  HistoryResult,
  ListFilter,
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

interface Entry {
  snapshot: OperationSnapshot;
  history: OperationEvent[];
}

/**
 * The default store: everything in this process's memory, bounded by
 * `maxOperations` × `historyLimit`. Its epoch is new for every instance, so
 * clients that resume after a restart are told the history is gone.
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

  const sweep = () => {
    const now = config.now();
    for (const [id, endedAt] of ended) {
      if (endedAt + config.ttlMs > now) break;
      ended.delete(id);
      entries.delete(id);
    }
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
    ended.delete(oldest.value);
    entries.delete(oldest.value);
  };

  const live = (id: string): Entry | undefined => {
    sweep();
    return entries.get(id);
  };

  return {
    async epoch() {
      return epoch;
    },

    async append(draft: EventDraft): Promise<AppendResult> {
      const entry = live(draft.operationId);
      if (draft.topic === 'operation.started') {
        // An id is never reused while the store remembers it: clients may still hold its seq.
        if (entry) return { status: 'conflict', snapshot: entry.snapshot };
        makeRoom();
        const event = { ...draft, seq: 1 } as OperationEvent;
        const { snapshot } = applyOperationEvent(null, event);
        if (snapshot === null)
          throw new OpwireError('internal', 'operation.started did not start a snapshot');
        entries.set(draft.operationId, { snapshot, history: [event] });
        return { status: 'appended', event, snapshot };
      }
      if (!entry) return { status: 'not_found' };
      if (isTerminalStatus(entry.snapshot.status))
        return { status: 'ended', snapshot: entry.snapshot };
      const event = { ...draft, seq: entry.snapshot.seq + 1 } as OperationEvent;
      const { snapshot } = applyOperationEvent(entry.snapshot, event);
      entry.snapshot = snapshot;
      entry.history.push(event);
      if (entry.history.length > config.historyLimit) entry.history.shift();
      if (isTerminalStatus(snapshot.status)) ended.set(draft.operationId, config.now());
      return { status: 'appended', event, snapshot };
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
    },
  };
}
