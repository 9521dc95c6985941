import type { CancelRelay, CancelRequestHandler } from '../store/operationStore.js';
import { isClusterClient, type RedisClient } from './redisClient.js';

/** Cancel requests between processes, over a Redis pub/sub channel. */
export interface CancelChannel extends CancelRelay {
  close(): Promise<void>;
}

export function createCancelChannel(redis: RedisClient, channel: string): CancelChannel {
  const handlers = new Set<CancelRequestHandler>();
  let subscriber: RedisClient | undefined;

  const listen = () => {
    if (subscriber) return;
    subscriber = redis.duplicate();
    subscriber.on('error', () => {
      // ioredis reconnects by itself; the owner of `redis` sees the same errors on its client.
    });
    subscriber.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      let request: { id?: unknown; reason?: unknown; queue?: unknown };
      try {
        request = JSON.parse(message) as typeof request;
      } catch {
        return;
      }
      if (typeof request.id !== 'string') return;
      const reason = typeof request.reason === 'string' ? request.reason : undefined;
      const queue = typeof request.queue === 'string' ? request.queue : undefined;
      for (const handler of handlers) handler(request.id, reason, queue);
    });
    subscriber.subscribe(channel).catch(() => {
      // Retried by ioredis on reconnect (it re-subscribes on its own).
    });
  };

  return {
    async request(operationId, reason, queue) {
      const request = JSON.stringify({ id: operationId, reason, queue });
      const heard = await redis.publish(channel, request);
      if (heard > 0 || !isClusterClient(redis)) return heard > 0;
      // On a cluster PUBLISH counts the subscribers of the node it reached only.
      const counts = await Promise.all(
        redis.nodes('master').map((node) => node.pubsub('NUMSUB', channel)),
      );
      return counts.some((reply) => Number(reply[1]) > 0);
    },
    listen(handler) {
      handlers.add(handler);
      listen();
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
      const current = subscriber;
      subscriber = undefined;
      if (current) await current.quit().catch(() => current.disconnect());
    },
  };
}
