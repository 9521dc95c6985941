import type { RedisClient } from './redisClient.js';

type Command = (...args: unknown[]) => Promise<unknown>;

/**
 * The same client, except that each command named in `handlers` hands its rejection to
 * that handler as well. Its caller may still await the reply; the handler keeps a
 * rejection nobody awaits (Socket.IO's adapter and emitter send without awaiting) from
 * becoming an unhandled rejection, which ends the process.
 */
export function withRejectionHandlers<T extends RedisClient>(
  client: T,
  handlers: Readonly<Record<string, (error: unknown) => void>>,
): T {
  const byName = new Map(Object.entries(handlers));
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function' || property === 'constructor') return value;
      const bound = (value as Command).bind(target);
      const onRejected = typeof property === 'string' ? byName.get(property) : undefined;
      if (onRejected === undefined) return bound;
      return (...args: unknown[]) => {
        const sent = bound(...args);
        sent.catch(onRejected);
        return sent;
      };
    },
  });
}
