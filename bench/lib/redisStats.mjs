import { Redis } from 'ioredis';

/** Commands the bench itself sends to read the figures; left out of the counts. */
const OWN_COMMANDS = new Set(['info', 'config', 'client', 'hello', 'ping']);

/**
 * Reads what a private redis-server did between two points: commands by
 * name (INFO commandstats), CPU seconds, memory and connected clients.
 * @param {string} url
 */
export function redisStats(url) {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  return {
    /** Zeroes the command counters (CONFIG RESETSTAT). */
    async reset() {
      await redis.config('RESETSTAT');
    },
    /** What Redis reports now. */
    async read() {
      const [commandstats, cpu, memory, clients] = await Promise.all([
        redis.info('commandstats'),
        redis.info('cpu'),
        redis.info('memory'),
        redis.info('clients'),
      ]);
      /** @type {Record<string, number>} */
      const calls = {};
      for (const match of commandstats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
        const name = /** @type {string} */ (match[1]);
        if (!OWN_COMMANDS.has(name)) calls[name] = Number(match[2]);
      }
      return {
        calls,
        totalCalls: Object.values(calls).reduce((sum, value) => sum + value, 0),
        cpuSeconds: field(cpu, 'used_cpu_sys') + field(cpu, 'used_cpu_user'),
        usedMemory: field(memory, 'used_memory'),
        connectedClients: field(clients, 'connected_clients'),
      };
    },
    close() {
      redis.disconnect();
    },
  };
}

/**
 * @param {string} info
 * @param {string} name
 */
function field(info, name) {
  const match = info.match(new RegExp(`^${name}:([\\d.]+)`, 'm'));
  return match ? Number(match[1]) : Number.NaN;
}
