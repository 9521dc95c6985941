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
import { IMPORT_QUEUE, type ImportJobData, redisUrl } from './queue.js';

const speed = importSpeed();

// opwire: the same operation API as the web server, delivered through Redis.
const emitter = await createOpwireEmitter({ redis: new Redis(redisUrl()) });

const worker = new Worker<ImportJobData>(
  IMPORT_QUEUE,
  (job, _token, signal) =>
    trackBullJob(emitter.operation, job, (op) => runUserImport(op, job.data.request, { speed }), {
      id: job.data.operationId,
      type: 'user-import',
      stages: IMPORT_STAGES,
      audience: { tenant: job.data.tenantId },
      title: 'CSV user import (BullMQ)',
      estimatedDurationMs: importDurationMs(speed),
      signal,
    }),
  { connection: new Redis(redisUrl(), { maxRetriesPerRequest: null }), concurrency: 4 },
);
worker.on('failed', (job, error) => console.log(`job ${job?.id} failed: ${error.message}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await worker.close();
    await emitter.close();
    process.exit(0);
  });
}

await worker.waitUntilReady();
console.log(`opwire BullMQ worker ready on queue "${IMPORT_QUEUE}"`);
