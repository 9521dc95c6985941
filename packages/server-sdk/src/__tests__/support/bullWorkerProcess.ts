// A BullMQ worker in its own process, reporting each job as an opwire operation.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { trackBullJob } from '../../redis/bullmq/trackBullJob.js';
import { createOpwireEmitter } from '../../redis/createOpwireEmitter.js';

interface ImportJob {
  operationId: string;
  user: string;
  rows: number;
  waitForCancel?: boolean;
}

const url = process.env.REDIS_URL as string;
const emitter = await createOpwireEmitter({ redis: new Redis(url), progressIntervalMs: 0 });
const worker = new Worker<ImportJob>(
  'imports',
  (job, _token, signal) =>
    trackBullJob(
      emitter.operation,
      job,
      async (op) => {
        op.stage('importing');
        for (let row = 1; row <= job.data.rows; row += 1)
          op.progress((row / job.data.rows) * 100, `row ${row}`);
        if (job.data.waitForCancel) {
          process.send?.({ type: 'waiting', id: op.id });
          await new Promise((resolve) =>
            op.signal.addEventListener('abort', resolve, { once: true }),
          );
          throw new Error('stopped');
        }
        return { imported: job.data.rows };
      },
      {
        audience: { user: job.data.user },
        id: job.data.operationId,
        signal,
        jobProgressIntervalMs: 0,
      },
    ),
  { connection: new Redis(url, { maxRetriesPerRequest: null }) },
);
worker.on('completed', (job, result) =>
  process.send?.({ type: 'completed', jobId: job.id, result }),
);
worker.on('failed', (job, error) =>
  process.send?.({
    type: 'failed',
    jobId: job?.id,
    code: (error as { code?: string }).code,
    message: error.message,
  }),
);
process.on('message', (message: { type: string; jobId?: string }) => {
  if (message.type === 'cancelJob' && message.jobId)
    worker.cancelJob(message.jobId, 'cancelled by an operator');
});
await worker.waitUntilReady();
process.send?.({ type: 'ready' });
