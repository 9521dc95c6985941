import type { Redis } from 'ioredis';

/** Cancel requests between processes, over a Redis pub/sub channel. */
export interface CancelChannel {
  /** Resolves whether any process heard the request. */
  publish(operationId: string, reason: string | undefined): Promise<boolean>;
  subscribe(handler: (operationId: string, reason: string | undefined) => void): () => void;
  close(): Promise<void>;
}

export function createCancelChannel(redis: Redis, channel: string): CancelChannel {
  const handlers = new Set<(operationId: string, reason: string | undefined) => void>();
  let subscriber: Redis | undefined;

  const listen = () => {
    if (subscriber) return;
    subscriber = redis.duplicate();
    subscriber.on('error', () => {
      // ioredis reconnects by itself; the owner of `redis` sees the same errors on its client.
    });
    subscriber.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      let request: { id?: unknown; reason?: unknown };
      try {
        request = JSON.parse(message) as { id?: unknown; reason?: unknown };
      } catch {
        return;
      }
      if (typeof request.id !== 'string') return;
      const reason = typeof request.reason === 'string' ? request.reason : undefined;
      for (const handler of handlers) handler(request.id, reason);
    });
    subscriber.subscribe(channel).catch(() => {
      // Retried by ioredis on reconnect (it re-subscribes on its own).
    });
  };

  return {
    async publish(operationId, reason) {
      const heard = await redis.publish(channel, JSON.stringify({ id: operationId, reason }));
      return heard > 0;
    },
    subscribe(handler) {
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
