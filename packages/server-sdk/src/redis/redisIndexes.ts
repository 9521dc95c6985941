import { isTerminalStatus, type OperationSnapshot } from '@opwire/protocol';
import type { RedisClient } from './redisClient.js';
import type { RedisKeys } from './redisKeys.js';

/** How one committed append changed an operation, as far as the indexes care. */
export interface IndexChange {
  snapshot: OperationSnapshot;
  created: boolean;
  /** The operation's queue, or `null`. */
  queue: string | null;
  /** Whether an owner holds it after the append. */
  owned: boolean;
  /** Whether the append changed who owns it (a claim, or a release). */
  ownerChanged: boolean;
  /** End of the lease after the append (store clock), or -1. */
  leaseUntil: number;
}

const PRUNE_BATCH = 500;

/**
 * The indexes beside the per-operation keys: `active`, `all`, `leases` and
 * each queue's waiting operations, one set of them per key group (one in the
 * single-instance layout). They are hints kept in step after each committed
 * write (one command per key, never a multi-key script); readers check every
 * entry against the operation's own state, and `prune` drops entries of
 * operations Redis no longer holds.
 */
export class RedisIndexes {
  readonly #redis: RedisClient;
  readonly #keys: RedisKeys;
  readonly #ttlMs: number;

  constructor(redis: RedisClient, keys: RedisKeys, ttlMs: number) {
    this.#redis = redis;
    this.#keys = keys;
    this.#ttlMs = ttlMs;
  }

  /** Brings the indexes in step with an append; a no-op for plain progress. */
  async afterAppend(change: IndexChange): Promise<void> {
    const { snapshot, created, queue, owned, ownerChanged, leaseUntil } = change;
    const id = snapshot.id;
    const keys = this.#keys;
    const group = keys.groupOf(id);
    const writes: Promise<unknown>[] = [];
    if (created) {
      writes.push(this.#redis.zadd(keys.active(group), snapshot.startedAt, id));
      writes.push(this.#redis.zadd(keys.all(group), snapshot.startedAt, id));
    }
    if (isTerminalStatus(snapshot.status)) {
      writes.push(this.#redis.zrem(keys.active(group), id));
      writes.push(this.#redis.zrem(keys.leases(group), id));
      if (queue !== null) writes.push(this.#redis.zrem(keys.queued(group, queue), id));
    } else if (created || ownerChanged) {
      if (owned) writes.push(this.#redis.zadd(keys.leases(group), leaseUntil, id));
      else writes.push(this.#redis.zrem(keys.leases(group), id));
      if (queue !== null) {
        if (!owned && snapshot.status === 'queued') {
          writes.push(this.#redis.zadd(keys.queued(group, queue), Date.now(), id));
          writes.push(this.#redis.sadd(keys.queues(group), queue));
        } else writes.push(this.#redis.zrem(keys.queued(group, queue), id));
      }
    }
    await Promise.all(writes);
  }

  async leaseRenewed(id: string, leaseUntil: number): Promise<void> {
    await this.#redis.zadd(this.#keys.leases(this.#keys.groupOf(id)), leaseUntil, id);
  }

  async forgetLease(id: string): Promise<void> {
    await this.#redis.zrem(this.#keys.leases(this.#keys.groupOf(id)), id);
  }

  /** Ids in the leases indexes whose lease ended before `now` (a hint), oldest first. */
  async dueLeases(now: number, limit: number): Promise<string[]> {
    const keys = this.#keys;
    if (keys.groups === 1)
      return this.#redis.zrangebyscore(keys.leases(0), '-inf', now, 'LIMIT', 0, limit);
    const pages = await Promise.all(
      this.#groups().map((group) =>
        this.#redis.zrangebyscore(keys.leases(group), '-inf', now, 'WITHSCORES', 'LIMIT', 0, limit),
      ),
    );
    return oldestFirst(pages, limit);
  }

  /** Ids of `queue`'s waiting operations entered or checked before `before`, oldest first. */
  async queuedBefore(queue: string, before: number, limit: number): Promise<string[]> {
    const keys = this.#keys;
    const until = `(${before}`;
    if (keys.groups === 1)
      return this.#redis.zrangebyscore(keys.queued(0, queue), '-inf', until, 'LIMIT', 0, limit);
    const pages = await Promise.all(
      this.#groups().map((group) =>
        this.#redis.zrangebyscore(
          keys.queued(group, queue),
          '-inf',
          until,
          'WITHSCORES',
          'LIMIT',
          0,
          limit,
        ),
      ),
    );
    return oldestFirst(pages, limit);
  }

  async markQueued(queue: string, id: string, at: number | null): Promise<void> {
    const key = this.#keys.queued(this.#keys.groupOf(id), queue);
    if (at === null) await this.#redis.zrem(key, id);
    else await this.#redis.zadd(key, at, id);
  }

  /** Removes ids from `active` and `all` that list() found gone or ended. */
  async dropListed(gone: readonly string[], ended: readonly string[]): Promise<void> {
    const keys = this.#keys;
    const writes: Promise<unknown>[] = [];
    for (const [group, ids] of byGroup(keys, gone)) {
      writes.push(this.#redis.zrem(keys.all(group), ...ids));
      writes.push(this.#redis.zrem(keys.active(group), ...ids));
    }
    for (const [group, ids] of byGroup(keys, ended))
      writes.push(this.#redis.zrem(keys.active(group), ...ids));
    await Promise.all(writes);
  }

  /**
   * Drops, by score, entries that can no longer have state: anything started
   * (or queued) more than the TTL ago is checked against its state hash, and
   * removed when Redis no longer holds the operation (or, in `active`, when it ended).
   */
  async prune(): Promise<void> {
    for (const group of this.#groups()) await this.#pruneGroup(group);
  }

  #groups(): number[] {
    return Array.from({ length: this.#keys.groups }, (_, group) => group);
  }

  async #pruneGroup(group: number): Promise<void> {
    const keys = this.#keys;
    const cutoff = Date.now() - this.#ttlMs;
    const all = keys.all(group);
    const active = keys.active(group);
    const indexes = [all, active];
    for (const queue of await this.#redis.smembers(keys.queues(group)))
      indexes.push(keys.queued(group, queue));
    for (const index of indexes) {
      const ids = await this.#redis.zrangebyscore(index, '-inf', cutoff, 'LIMIT', 0, PRUNE_BATCH);
      if (ids.length === 0) continue;
      const states = await Promise.all(
        ids.map((id) => this.#redis.hget(keys.state(id), 'snapshot')),
      );
      const stale = ids.filter((_, i) => {
        const json = states[i];
        if (json === null || json === undefined) return true;
        if (index === all) return false;
        const snapshot = JSON.parse(json) as OperationSnapshot;
        return (
          isTerminalStatus(snapshot.status) || (index !== active && snapshot.status !== 'queued')
        );
      });
      if (stale.length > 0) await this.#redis.zrem(index, ...stale);
    }
    // A queue with no waiting operation left leaves the registry.
    for (const queue of await this.#redis.smembers(keys.queues(group))) {
      if ((await this.#redis.zcard(keys.queued(group, queue))) === 0)
        await this.#redis.srem(keys.queues(group), queue);
    }
  }
}

/** Ids grouped by their key group. */
function byGroup(keys: RedisKeys, ids: readonly string[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const id of ids) {
    const group = keys.groupOf(id);
    const list = groups.get(group);
    if (list) list.push(id);
    else groups.set(group, [id]);
  }
  return groups;
}

/** Merges `[id, score, id, score…]` pages of several groups: the `limit` lowest scores, in order. */
function oldestFirst(pages: readonly string[][], limit: number): string[] {
  const entries: { id: string; score: number }[] = [];
  for (const page of pages)
    for (let i = 0; i + 1 < page.length; i += 2)
      entries.push({ id: page[i] as string, score: Number(page[i + 1]) });
  entries.sort((a, b) => a.score - b.score);
  return entries.slice(0, limit).map((entry) => entry.id);
}
