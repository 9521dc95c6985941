import { randomBytes, randomUUID } from 'node:crypto';
import {
  isTerminalStatus,
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';
import { offerPublishingAppends } from '../operations/storedPublisher.js';
import type {
  HistoryResult,
  ListFilter,
  OperationRecord,
  OperationStore,
} from '../store/operationStore.js';
import { type CancelChannel, createCancelChannel } from './cancelChannel.js';
import { CommittedRecords } from './committedRecords.js';
import { GroupEpochs } from './groupEpochs.js';
import { LuaScript } from './luaScript.js';
import { EPOCH_SCRIPT, RENEW_SCRIPT, RESTORE_SCRIPT } from './luaScripts.js';
import { newestIds } from './newestIds.js';
import { redisAppends } from './redisAppends.js';
import { isClusterClient, type RedisClient } from './redisClient.js';
import { RedisIndexes } from './redisIndexes.js';
import { redisKeys } from './redisKeys.js';
import { readRecord } from './redisRecords.js';

/** Where the Redis store keeps operations, and for how long. */
export interface RedisStoreOptions {
  /**
   * An ioredis client: `new Redis(url)` for one Redis server, `new Cluster(nodes)`
   * for a Redis Cluster. The store uses it for commands and a duplicate of it
   * for cancel relays.
   */
  redis: RedisClient;
  /** Prefix of every key. @default 'opwire:' */
  prefix?: string;
  /** Events kept per operation for resume. @default 200 */
  historyLimit?: number;
  /**
   * How long an ended operation stays readable, in ms. A running one is kept
   * for its lease plus this long after its last renewal, a queued one this
   * long after its last change, so nothing stays in Redis for ever.
   * @default 86400000 (24 h)
   */
  ttlMs?: number;
  /** Most operations `list()` looks through. @default 1000 */
  listScanLimit?: number;
  /**
   * Hash-tag groups the operations are spread over (the grouped key layout):
   * each group's operations, events, indexes and epoch share one hash slot,
   * so every command touches one slot and a Redis Cluster shard that lost its
   * data changes the epoch of its own groups only. Use at least four groups
   * per master. Every process on one prefix must use the same value; changing
   * it hides the operations stored before (see docs/scaling.md).
   * @default 16 on an ioredis Cluster client; on one Redis server, none (the
   * single-instance layout of earlier versions)
   */
  keyGroups?: number;
}

const DEFAULT_CLUSTER_GROUPS = 16;
const MAX_GROUPS = 1024;
/** Running operations whose last committed record a store keeps. */
const COMMITTED_RECORDS = 10_000;
const renew = new LuaScript(RENEW_SCRIPT);
const restore = new LuaScript(RESTORE_SCRIPT);
const epochScript = new LuaScript(EPOCH_SCRIPT);

/**
 * Operations in Redis, shared by every web node and worker: snapshots, the
 * last `historyLimit` events of each, who owns each running one and until
 * when, and an epoch that survives restarts of the nodes (and changes only
 * when Redis itself lost the data). Works on one Redis server and on a Redis
 * Cluster (see `keyGroups`).
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
  const groups = options.keyGroups ?? (isClusterClient(redis) ? DEFAULT_CLUSTER_GROUPS : null);
  if (groups !== null && !(Number.isInteger(groups) && groups >= 1 && groups <= MAX_GROUPS)) {
    throw new OpwireError(
      'invalid_option',
      `redisStore needs keyGroups to be a whole number from 1 to ${MAX_GROUPS}.`,
    );
  }
  const keys = redisKeys(prefix, groups);
  const indexes = new RedisIndexes(redis, keys, ttlMs);
  const committed = new CommittedRecords(COMMITTED_RECORDS);
  const groupEpochs = new GroupEpochs();
  let cancel: CancelChannel | undefined;
  const cancelChannel = () => {
    cancel ??= createCancelChannel(redis, keys.cancelChannel);
    return cancel;
  };
  const read = (id: string) => readRecord(redis, keys, id);

  const appends = redisAppends({ redis, keys, indexes, committed, historyLimit, ttlMs });

  const store: OperationStore = {
    async epoch() {
      if (!keys.grouped)
        return String(await epochScript.run(redis, [keys.epoch(0)], [randomUUID()]));
      const parts = await Promise.all(
        Array.from({ length: keys.groups }, (_, group) =>
          epochScript.run(redis, [keys.epoch(group)], [randomBytes(6).toString('hex')]),
        ),
      );
      return groupEpochs.digest(parts.map(String));
    },

    epochOf(epoch, operationId) {
      return keys.grouped ? groupEpochs.part(epoch, keys.groupOf(operationId)) : epoch;
    },

    append: (draft, conditions = {}) => appends.append(draft, conditions),

    appendBatch: (drafts, conditions) => appends.appendBatch(drafts, conditions),

    async get(operationId) {
      const json = await redis.hget(keys.state(operationId), 'snapshot');
      return json === null ? null : (JSON.parse(json) as OperationSnapshot);
    },

    record: read,

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
      const index = filter.status === 'active' ? keys.active : keys.all;
      const ids = await newestIds(
        redis,
        Array.from({ length: keys.groups }, (_, group) => index(group)),
        scanLimit,
      );
      if (ids.length === 0) return [];
      const states = await Promise.all(ids.map((id) => redis.hget(keys.state(id), 'snapshot')));
      const rooms = filter.rooms === undefined ? null : new Set(filter.rooms);
      const result: OperationSnapshot[] = [];
      const gone: string[] = [];
      const ended: string[] = [];
      states.forEach((json, index) => {
        const id = ids[index] as string;
        if (json === null) {
          gone.push(id);
          return;
        }
        const snapshot = JSON.parse(json) as OperationSnapshot;
        if (filter.status === 'active' && isTerminalStatus(snapshot.status)) {
          ended.push(id);
          return;
        }
        if (rooms === null || snapshot.audience.some((room) => rooms.has(room)))
          result.push(snapshot);
      });
      await indexes.dropListed(gone, ended);
      return result.slice(0, filter.limit);
    },

    async renew(operationId, token, leaseMs) {
      const leaseUntil = Number(
        await renew.run(
          redis,
          [keys.state(operationId), keys.events(operationId)],
          [token, leaseMs, ttlMs],
        ),
      );
      if (leaseUntil < 0) {
        committed.forget(operationId);
        return leaseUntil === -2 ? 'missing' : 'lost';
      }
      await indexes.leaseRenewed(operationId, leaseUntil);
      return 'renewed';
    },

    async expiredLeases(limit) {
      const ids = await indexes.dueLeases(Date.now(), limit);
      const records = await Promise.all(ids.map(read));
      const owned: OperationRecord[] = [];
      records.forEach((record, index) => {
        if (record?.owner) owned.push(record);
        else indexes.forgetLease(ids[index] as string).catch(() => {});
      });
      return owned;
    },

    queuedBefore: (queue, before, limit) => indexes.queuedBefore(queue, before, limit),

    markQueued: (queue, operationId, at) => indexes.markQueued(queue, operationId, at),

    prune: () => indexes.prune(),

    async restore(record) {
      const { snapshot, owner, queue, token } = record;
      if (isTerminalStatus(snapshot.status)) return;
      const leaseUntil = Number(
        await restore.run(
          redis,
          [keys.state(snapshot.id)],
          [
            snapshot.seq,
            JSON.stringify(snapshot),
            token,
            owner?.id ?? '',
            owner?.leaseMs ?? 0,
            owner?.onLost ?? 'fail',
            queue ?? '',
            ttlMs,
          ],
        ),
      );
      if (leaseUntil < 0) return;
      await indexes.afterAppend({
        snapshot,
        created: true,
        queue,
        owned: owner !== null,
        ownerChanged: true,
        leaseUntil,
      });
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

    cancelRelay: {
      request: (operationId, reason, queue) => cancelChannel().request(operationId, reason, queue),
      listen: (handler) => cancelChannel().listen(handler),
    },

    async close() {
      await cancel?.close();
    },
  };
  offerPublishingAppends(store, { client: redis, ...appends });
  return store;
}
