import { type Cluster, Redis } from 'ioredis';
import {
  masterOf,
  type RedisClusterHandle,
  redisClusterSkipReason,
  startRedisCluster,
} from './redisCluster.js';
import { type RedisServerHandle, redisSkipReason, startRedisServer } from './redisServer.js';

/** One Redis server or a Redis Cluster, started privately, for tests that run on both. */
export interface RedisBackend {
  readonly name: string;
  readonly cluster: boolean;
  /** Why this backend cannot run here, or `null` (throws under CI=true when it must run). */
  skipReason(): string | null;
  start(): Promise<void>;
  /** A new ioredis client on it. */
  client(): Redis | Cluster;
  /** What a test process reads to connect (see redisFromEnv). */
  env(): Record<string, string>;
  /**
   * Loses data as a crash without persistence does: one Redis server restarts
   * empty; on a cluster, the master holding `key` (or the first one) does.
   * `down` runs while it is stopped.
   */
  loseData(key?: string, down?: () => void): Promise<void>;
  stop(): Promise<void>;
}

export function singleRedis(): RedisBackend {
  let server: RedisServerHandle | undefined;
  return {
    name: 'one Redis',
    cluster: false,
    skipReason: redisSkipReason,
    async start() {
      server = await startRedisServer();
    },
    client: () => new Redis((server as RedisServerHandle).url),
    env: () => ({ REDIS_URL: (server as RedisServerHandle).url }),
    async loseData(_key, down) {
      await server?.stop();
      down?.();
      await server?.restart();
    },
    async stop() {
      await server?.stop();
    },
  };
}

export function redisCluster(): RedisBackend {
  let cluster: RedisClusterHandle | undefined;
  return {
    name: 'Redis Cluster',
    cluster: true,
    skipReason: redisClusterSkipReason,
    async start() {
      cluster = await startRedisCluster();
    },
    client: () => (cluster as RedisClusterHandle).client(),
    env: () => ({ REDIS_CLUSTER: (cluster as RedisClusterHandle).nodesList }),
    async loseData(key, down) {
      const handle = cluster as RedisClusterHandle;
      let index = 0;
      if (key !== undefined) {
        const client = handle.client();
        index = await masterOf(handle, client, key);
        client.disconnect();
      }
      await handle.stopNode(index);
      down?.();
      await handle.startNode(index);
    },
    async stop() {
      await cluster?.stop();
    },
  };
}

/** Both backends, each a fresh handle. */
export const redisBackends = (): RedisBackend[] => [singleRedis(), redisCluster()];
