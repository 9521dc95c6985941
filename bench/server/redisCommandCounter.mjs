/**
 * Counts the commands this process sends through one ioredis client, by name:
 * what the node asks of Redis, a script call counting once (Redis's own
 * INFO commandstats also counts every command a script runs).
 *
 * @param {import('ioredis').Redis} redis
 */
export function countRedisCommands(redis) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = /** @type {typeof redis.sendCommand} */ (
    (/** @type {any} */ command, /** @type {any[]} */ ...rest) => {
      const name = String(command?.name ?? 'unknown').toLowerCase();
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return send(command, ...rest);
    }
  );
  return () => Object.fromEntries(counts);
}
