// The worker: runs the export jobs the Next app enqueued, as attempts of their operations.
import { createOpwireEmitter, trackBullJob } from '@opwire/server/redis';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { EXPORTS_QUEUE, type ExportJob, REDIS_URL } from '../lib/settings.js';

const rowDelayMs = Number(process.env.ROW_DELAY_MS ?? 100);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const emitter = await createOpwireEmitter({ redis: new Redis(REDIS_URL) });
const worker = new Worker<ExportJob>(
  EXPORTS_QUEUE,
  (job, _token, signal) =>
    trackBullJob(
      emitter.operation,
      job,
      async (op) => {
        for (let row = 1; row <= job.data.rows; row += 1) {
          if (job.data.fail && row > job.data.rows / 2) throw new Error('The export file is full');
          await pause(rowDelayMs);
          op.signal.throwIfAborted();
          op.progress((row / job.data.rows) * 100, `Row ${row} of ${job.data.rows}`);
        }
        return { rows: job.data.rows };
      },
      { signal },
    ),
  { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }) },
);
await worker.waitUntilReady();
console.log('export worker ready');

process.once('SIGTERM', async () => {
  await Promise.all([worker.close(), emitter.close()]);
  process.exit(0);
});
