import { randomUUID } from 'node:crypto';
import {
  applyOperationEvent,
  isTerminalStatus,
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';
import type { Redis } from 'ioredis';
import type {
  AppendResult,
  EventDraft,
  HistoryResult,
  ListFilter,
  OperationStore,
} from '../store/operationStore.js';
import { APPEND_SCRIPT, RESTORE_SCRIPT } from './appendScript.js';
import { type CancelChannel, createCancelChannel } from './cancelChannel.js';
import { CommittedSnapshots } from './committedSnapshots.js';
import { redisKeys } from './redisKeys.js';

/** Where the Redis store keeps operations, and for how long. */
export interface RedisStoreOptions {
  /** An ioredis client. The store uses it for commands and a duplicate of it for cancel relays. */
  redis: Redis;
  /** Prefix of every key. @default 'opwire:' */
  prefix?: string;
  /** Events kept per operation for resume. @default 200 */
  historyLimit?: number;
  /** How long an ended operation stays readable, in ms. @default 86400000 (24 h) */
  ttlMs?: number;
  /** Most operations `list()` looks through. @default 1000 */
  listScanLimit?: number;
}

const MAX_RACE_RETRIES = 50;
/** Running operations whose last committed snapshot a store keeps. */
const COMMITTED_SNAPSHOTS = 10_000;

/**
 * Operations in Redis, shared by every web node and worker: snapshots, the
 * last `historyLimit` events of each, and an epoch that survives restarts of
 * the nodes (and changes only when Redis itself lost the data).
 */
export function redisStore(options: RedisStoreOptions): OperationStore {
  const { redis } = options;
  if (!redis || typeof redis.eval !== 'function') {
    throw new OpwireError(
      'invalid_option',
      'redisStore needs an ioredis client: redisStore({ redis: new Redis(url) }).',
    );
  }
  const prefix = options.prefix ?? 'opwire:';
  const historyLimit = options.historyLimit ?? 200;
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const scanLimit = options.listScanLimit ?? 1000;
  if (historyLimit < 1 || ttlMs < 1) {
    throw new OpwireError('invalid_option', 'redisStore needs historyLimit ≥ 1 and ttlMs ≥ 1.');
  }
  const keys = redisKeys(prefix);
  let cancel: CancelChannel | undefined;
  const cancelChannel = () => {
    cancel ??= createCancelChannel(redis, keys.cancelChannel);
    return cancel;
  };

  const readSnapshot = async (id: string): Promise<OperationSnapshot | null> => {
    const json = await redis.hget(keys.state(id), 'snapshot');
    return json === null ? null : (JSON.parse(json) as OperationSnapshot);
  };

  const committed = new CommittedSnapshots(COMMITTED_SNAPSHOTS);

  const append = async (draft: EventDraft): Promise<AppendResult> => {
    const starts = draft.topic === 'operation.started';
    // This process's last commit, when it has one, saves reading the snapshot back first.
    let mine = starts ? undefined : committed.get(draft.operationId);
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt += 1) {
      let current: OperationSnapshot | null = mine ?? null;
      if (mine === undefined && !starts) {
        current = await readSnapshot(draft.operationId);
        if (current === null) return { status: 'not_found' };
        if (isTerminalStatus(current.status)) return { status: 'ended', snapshot: current };
      }
      const expected = current?.seq ?? 0;
      const event = { ...draft, seq: expected + 1 } as OperationEvent;
      const { snapshot } = applyOperationEvent(current, event);
      if (snapshot === null)
        throw new OpwireError(
          'internal',
          `Event ${event.topic} could not start operation ${draft.operationId}.`,
        );
      const terminal = isTerminalStatus(snapshot.status);
      const [won] = (await redis.eval(
        APPEND_SCRIPT,
        4,
        keys.state(draft.operationId),
        keys.events(draft.operationId),
        keys.active,
        keys.all,
        String(expected),
        JSON.stringify(snapshot),
        JSON.stringify(event),
        String(historyLimit),
        String(ttlMs),
        terminal ? '1' : '0',
        draft.operationId,
        String(snapshot.startedAt),
      )) as [number, number];
      if (won === 1) {
        if (terminal) committed.forget(draft.operationId);
        else committed.remember(snapshot);
        return { status: 'appended', event, snapshot };
      }
      committed.forget(draft.operationId);
      if (starts) {
        const existing = await readSnapshot(draft.operationId);
        if (existing) return { status: 'conflict', snapshot: existing };
      }
      if (mine !== undefined) {
        // Another process appended since this one's last commit (or Redis lost the state): read it.
        mine = undefined;
        continue;
      }
      // Lost a race with another process: back off a little, with jitter, and retry.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)),
      );
    }
    throw new OpwireError(
      'unavailable',
      `Could not append to operation ${draft.operationId}: too much contention.`,
    );
  };

  return {
    async epoch() {
      await redis.set(keys.epoch, randomUUID(), 'NX');
      const epoch = await redis.get(keys.epoch);
      if (epoch === null)
        throw new OpwireError('unavailable', 'Redis lost the opwire epoch key while it was read.');
      return epoch;
    },

    append,

    get: readSnapshot,

    async eventsAfter(operationId, afterSeq): Promise<HistoryResult> {
      const [json, events] = await Promise.all([
        redis.hget(keys.state(operationId), 'snapshot'),
        redis.lrange(keys.events(operationId), 0, -1),
      ]);
      if (json === null) return { status: 'not_found' };
      const snapshot = JSON.parse(json) as OperationSnapshot;
      const history = events.map((line) => JSON.parse(line) as OperationEvent);
      const oldest = history[0]?.seq ?? snapshot.seq + 1;
      if (afterSeq + 1 < oldest) return { status: 'history_gone', snapshot };
      return { status: 'events', events: history.filter((event) => event.seq > afterSeq) };
    },

    async list(filter: ListFilter) {
      const ids = await redis.zrevrange(
        filter.status === 'active' ? keys.active : keys.all,
        0,
        scanLimit - 1,
      );
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hget(keys.state(id), 'snapshot');
      const replies = (await pipeline.exec()) ?? [];
      const rooms = filter.rooms === undefined ? null : new Set(filter.rooms);
      const result: OperationSnapshot[] = [];
      const gone: string[] = [];
      replies.forEach(([error, json], index) => {
        if (error || typeof json !== 'string') {
          gone.push(ids[index] as string);
          return;
        }
        const snapshot = JSON.parse(json) as OperationSnapshot;
        if (filter.status === 'active' && isTerminalStatus(snapshot.status)) return;
        if (rooms === null || snapshot.audience.some((room) => rooms.has(room)))
          result.push(snapshot);
      });
      if (gone.length > 0) await redis.zrem(keys.all, ...gone);
      return result.slice(0, filter.limit);
    },

    async restore(snapshot) {
      if (isTerminalStatus(snapshot.status)) return;
      await redis.eval(
        RESTORE_SCRIPT,
        3,
        keys.state(snapshot.id),
        keys.active,
        keys.all,
        String(snapshot.seq),
        JSON.stringify(snapshot),
        snapshot.id,
        String(snapshot.startedAt),
      );
    },

    async ready() {
      try {
        await redis.ping();
      } catch (error) {
        throw new OpwireError(
          'unavailable',
          `opwire cannot reach Redis (${(error as Error).message}). Check the URL, that Redis runs, and network access.`,
          { cause: error },
        );
      }
    },

    relayCancel(operationId, reason) {
      return cancelChannel().publish(operationId, reason);
    },

    onCancelRequest(handler) {
      return cancelChannel().subscribe(handler);
    },

    async close() {
      await cancel?.close();
    },
  };
}
