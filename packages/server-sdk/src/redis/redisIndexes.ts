import { isTerminalStatus, type OperationSnapshot } from '@opwire/protocol';
import type { Redis } from 'ioredis';
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
 * The shared indexes beside the per-operation keys: `active`, `all`,
 * `leases` and each queue's waiting operations. They are hints kept in step
 * after each committed write (one command per key, never a multi-key
 * script); readers check every entry against the operation's own state, and
 * `prune` drops entries of operations Redis no longer holds.
 */
export class RedisIndexes {
  readonly #redis: Redis;
  readonly #keys: RedisKeys;
  readonly #ttlMs: number;

  constructor(redis: Redis, keys: RedisKeys, ttlMs: number) {
    this.#redis = redis;
    this.#keys = keys;
    this.#ttlMs = ttlMs;
  }

  /** Brings the indexes in step with an append; a no-op for plain progress. */
  async afterAppend(change: IndexChange): Promise<void> {
    const { snapshot, created, queue, owned, ownerChanged, leaseUntil } = change;
    const id = snapshot.id;
    const keys = this.#keys;
    const writes: Promise<unknown>[] = [];
    if (created) {
      writes.push(this.#redis.zadd(keys.active, snapshot.startedAt, id));
      writes.push(this.#redis.zadd(keys.all, snapshot.startedAt, id));
    }
    if (isTerminalStatus(snapshot.status)) {
      writes.push(this.#redis.zrem(keys.active, id));
      writes.push(this.#redis.zrem(keys.leases, id));
      if (queue !== null) writes.push(this.#redis.zrem(keys.queued(queue), id));
    } else if (created || ownerChanged) {
      if (owned) writes.push(this.#redis.zadd(keys.leases, leaseUntil, id));
      else writes.push(this.#redis.zrem(keys.leases, id));
      if (queue !== null) {
        if (!owned && snapshot.status === 'queued') {
          writes.push(this.#redis.zadd(keys.queued(queue), Date.now(), id));
          writes.push(this.#redis.sadd(keys.queues, queue));
        } else writes.push(this.#redis.zrem(keys.queued(queue), id));
      }
    }
    await Promise.all(writes);
  }

  async leaseRenewed(id: string, leaseUntil: number): Promise<void> {
    await this.#redis.zadd(this.#keys.leases, leaseUntil, id);
  }

  async forgetLease(id: string): Promise<void> {
    await this.#redis.zrem(this.#keys.leases, id);
  }

  /** Ids in the leases index whose lease ended before `now` (a hint), oldest first. */
  async dueLeases(now: number, limit: number): Promise<string[]> {
    return this.#redis.zrangebyscore(this.#keys.leases, '-inf', now, 'LIMIT', 0, limit);
  }

  /** Removes ids from `active` and `all` that list() found gone or ended. */
  async dropListed(gone: readonly string[], ended: readonly string[]): Promise<void> {
    const writes: Promise<unknown>[] = [];
    if (gone.length > 0) {
      writes.push(this.#redis.zrem(this.#keys.all, ...gone));
      writes.push(this.#redis.zrem(this.#keys.active, ...gone));
    }
    if (ended.length > 0) writes.push(this.#redis.zrem(this.#keys.active, ...ended));
    await Promise.all(writes);
  }

  /**
   * Drops, by score, entries that can no longer have state: anything started
   * (or queued) more than the TTL ago is checked against its state hash, and
   * removed when Redis no longer holds the operation (or, in `active`, when it ended).
   */
  async prune(): Promise<void> {
    const keys = this.#keys;
    const cutoff = Date.now() - this.#ttlMs;
    const indexes = [keys.all, keys.active];
    for (const queue of await this.#redis.smembers(keys.queues)) indexes.push(keys.queued(queue));
    for (const index of indexes) {
      const ids = await this.#redis.zrangebyscore(index, '-inf', cutoff, 'LIMIT', 0, PRUNE_BATCH);
      if (ids.length === 0) continue;
      const states = await Promise.all(
        ids.map((id) => this.#redis.hget(keys.state(id), 'snapshot')),
      );
      const stale = ids.filter((_, i) => {
        const json = states[i];
        if (json === null || json === undefined) return true;
        if (index === keys.all) return false;
        const snapshot = JSON.parse(json) as OperationSnapshot;
        return (
          isTerminalStatus(snapshot.status) ||
          (index !== keys.active && snapshot.status !== 'queued')
        );
      });
      if (stale.length > 0) await this.#redis.zrem(index, ...stale);
    }
    // A queue with no waiting operation left leaves the registry.
    for (const queue of await this.#redis.smembers(keys.queues)) {
      if ((await this.#redis.zcard(keys.queued(queue))) === 0)
        await this.#redis.srem(keys.queues, queue);
    }
  }
}
