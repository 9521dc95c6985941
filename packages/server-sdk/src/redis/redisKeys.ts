/**
 * Every key the Redis store writes, under one prefix, in one of two layouts.
 *
 * Single-instance layout (`groups === null`, the default on one Redis server,
 * and the layout of earlier versions): each operation's keys carry the hash
 * tag `{op:<id>}`; the indexes and the epoch are one key each.
 *
 * Grouped layout (a Redis Cluster): operations are spread over `groups`
 * hash-tag groups by a hash of their id. Everything of one group (its
 * operations, their events, its indexes and its epoch) carries the tag
 * `{g<n>}`, so it sits in one hash slot, on one shard: every command touches
 * one slot, and a shard that lost its data renews the epochs of exactly the
 * groups it held.
 */
export function redisKeys(prefix: string, groups: number | null) {
  const count = groups ?? 1;
  const groupOf = (id: string) => (count === 1 ? 0 : fnv1a(id) % count);
  const base =
    groups === null ? (_group: number) => prefix : (group: number) => `${prefix}{g${group}}`;
  const operation =
    groups === null
      ? (id: string) => `${prefix}{op:${id}}`
      : (id: string) => `${base(groupOf(id))}op:${id}`;
  return {
    /** How many groups; 1 in the single-instance layout. */
    groups: count,
    grouped: groups !== null,
    groupOf,
    epoch: (group: number) => `${base(group)}epoch`,
    /** Running and queued operations, by start time. */
    active: (group: number) => `${base(group)}active`,
    /** Every operation, by start time. */
    all: (group: number) => `${base(group)}all`,
    /** Owned operations, by when their lease runs out (a hint; the state hash decides). */
    leases: (group: number) => `${base(group)}leases`,
    /** Names of the queues that have queue-backed operations. */
    queues: (group: number) => `${base(group)}queues`,
    /** A queue's waiting operations, by when they entered `queued` or were last checked. */
    queued: (group: number, queue: string) => `${base(group)}queued:${queue}`,
    cancelChannel: `${prefix}cancel`,
    state: operation,
    events: (id: string) => `${operation(id)}:events`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** FNV-1a over the id's UTF-16 code units: stable across processes and versions. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
