import { Cluster, Redis } from 'ioredis';

/** Retries spanning a master's restart (16 s), as docs/scaling.md advises; ioredis's default is 1.6 s. */
export const RIDE_OUT_RESTARTS = {
  maxRedirections: 64,
  retryDelayOnFailover: 250,
  retryDelayOnClusterDown: 250,
} as const;

/** The ioredis client a test process uses: `REDIS_CLUSTER` (host:port,…) or `REDIS_URL`. */
export function redisFromEnv(): Redis | Cluster {
  const nodes = process.env.REDIS_CLUSTER;
  const client = nodes
    ? new Cluster(
        nodes.split(',').map((node) => {
          const [host, port] = node.split(':');
          return { host: host as string, port: Number(port) };
        }),
        RIDE_OUT_RESTARTS,
      )
    : new Redis(process.env.REDIS_URL as string);
  client.on('error', () => {});
  return client;
}
