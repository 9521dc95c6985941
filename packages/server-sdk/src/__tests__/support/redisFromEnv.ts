import { Cluster, Redis } from 'ioredis';

/** The ioredis client a test process uses: `REDIS_CLUSTER` (host:port,…) or `REDIS_URL`. */
export function redisFromEnv(): Redis | Cluster {
  const nodes = process.env.REDIS_CLUSTER;
  const client = nodes
    ? new Cluster(
        nodes.split(',').map((node) => {
          const [host, port] = node.split(':');
          return { host: host as string, port: Number(port) };
        }),
      )
    : new Redis(process.env.REDIS_URL as string);
  client.on('error', () => {});
  return client;
}
