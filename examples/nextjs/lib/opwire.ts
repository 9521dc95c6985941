import { createOpwireEmitter, type OpwireEmitter } from '@opwire/server/redis';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { EXPORTS_QUEUE, type ExportJob, REDIS_URL } from './settings';

interface Shared {
  emitter: Promise<OpwireEmitter>;
  queue: Queue<ExportJob>;
}

/**
 * The Next server's opwire: an emitter (no socket server; the realtime
 * process serves the sockets) and the queue jobs go to. Kept on `globalThis`
 * because Next bundles each route apart, and created on first use, not at
 * build time.
 */
export function shared(): Shared {
  const holder = globalThis as { opwireNext?: Shared };
  holder.opwireNext ??= {
    emitter: createOpwireEmitter({ redis: new Redis(REDIS_URL) }),
    queue: new Queue<ExportJob>(EXPORTS_QUEUE, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
    }),
  };
  return holder.opwireNext;
}
