/** Every key the Redis store writes, under one prefix. */
export function redisKeys(prefix: string) {
  return {
    epoch: `${prefix}epoch`,
    active: `${prefix}active`,
    all: `${prefix}all`,
    cancelChannel: `${prefix}cancel`,
    state: (id: string) => `${prefix}op:${id}`,
    events: (id: string) => `${prefix}op:${id}:events`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
