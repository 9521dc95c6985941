// The BullMQ worker: runs imports and reports their progress through Redis.
// It has no HTTP or socket server; the web server's clients get the events.

import { createOpwireEmitter, trackBullJob } from '@opwire/server/redis';
import {
  IMPORT_STAGES,
  importDurationMs,
  importSpeed,
  runUserImport,
} from '@opwire-examples/demo-kit';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { IMPORT_QUEUE, type ImportJobData, redisUrl, workerLocks } from './queue.js';

const speed = importSpeed();
const locks = workerLocks();

// opwire: the same operation API as the web server, delivered through Redis.
const emitter = await createOpwireEmitter({ redis: new Redis(redisUrl()) });

// Each job runs as the next attempt of the operation the web server enqueued. If this
// process dies, BullMQ hands the job to another worker and the operation shows `queued`
// meanwhile; when BullMQ will not retry it, the operation ends `failed` (`owner_lost`).
const worker = new Worker<ImportJobData>(
  IMPORT_QUEUE,
  (job, _token, signal) =>
    trackBullJob(emitter.operation, job, (op) => runUserImport(op, job.data.request, { speed }), {
      stages: IMPORT_STAGES,
      estimatedDurationMs: importDurationMs(speed),
      lockDuration: locks.lockDuration,
      maxStalledCount: locks.maxStalledCount,
      signal,
    }),
  {
    connection: new Redis(redisUrl(), { maxRetriesPerRequest: null }),
    concurrency: 4,
    ...locks,
  },
);
worker.on('failed', (job, error) => console.log(`job ${job?.id} failed: ${error.message}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    // No new jobs; running ones get the emitter's grace period, then go back to the queue.
    const draining = worker.close();
    await emitter.close();
    await draining;
    process.exit(0);
  });
}

await worker.waitUntilReady();
console.log(`opwire BullMQ worker ready on queue "${IMPORT_QUEUE}"`);
