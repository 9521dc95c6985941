import type { Cluster, Redis } from 'ioredis';

/** An ioredis client: one Redis server (`new Redis(url)`) or a Redis Cluster (`new Cluster(nodes)`). */
export type RedisClient = Redis | Cluster;

/** Whether `client` is an ioredis Cluster client. */
export function isClusterClient(client: RedisClient): client is Cluster {
  return (client as { isCluster?: boolean }).isCluster === true;
}
