/**
 * Every key the Redis store writes, under one prefix.
 *
 * Each operation's keys carry the hash tag `{op:<id>}`, so all of them sit in
 * one hash slot and every script touches one slot only, as Redis Cluster
 * requires. The shared indexes are one key each; every command on them names
 * that key alone, so each can later be split into one key per slot.
 */
export function redisKeys(prefix: string) {
  const operation = (id: string) => `${prefix}{op:${id}}`;
  return {
    epoch: `${prefix}epoch`,
    /** Running and queued operations, by start time. */
    active: `${prefix}active`,
    /** Every operation, by start time. */
    all: `${prefix}all`,
    /** Owned operations, by when their lease runs out (a hint; the state hash decides). */
    leases: `${prefix}leases`,
    /** Names of the queues that have queue-backed operations. */
    queues: `${prefix}queues`,
    /** A queue's waiting operations, by when they entered `queued` or were last checked. */
    queued: (queue: string) => `${prefix}queued:${queue}`,
    cancelChannel: `${prefix}cancel`,
    state: operation,
    events: (id: string) => `${operation(id)}:events`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
