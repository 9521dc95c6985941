// A BullMQ worker in its own process, running each job as an attempt of an opwire operation.
// Env: REDIS_URL, QUEUE (default 'imports'), LOCK_MS and STALLED_MS (BullMQ's lockDuration and
// stalledInterval, default theirs), MAX_STALLED (maxStalledCount, default 1).

import { createOpwireEmitter, trackBullJob } from '@opwire/server/redis';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

interface ImportJob {
  operationId?: string;
  user?: string;
  rows: number;
  /** Waits for a cancel after the rows. */
  waitForCancel?: boolean;
  /** Throws in every attempt before this one. */
  succeedOnAttempt?: number;
  /** Runs until its signal aborts (or the test kills the worker). */
  hang?: boolean;
}

const url = process.env.REDIS_URL as string;
const lockDuration = Number(process.env.LOCK_MS ?? 30_000);
const stalledInterval = Number(process.env.STALLED_MS ?? 30_000);
const maxStalledCount = Number(process.env.MAX_STALLED ?? 1);
const emitter = await createOpwireEmitter({ redis: new Redis(url), progressIntervalMs: 0 });
emitter.events.on('error', (error) => process.send?.({ type: 'error', message: error.message }));

const worker = new Worker<ImportJob>(
  process.env.QUEUE ?? 'imports',
  (job, _token, signal) =>
    trackBullJob(
      emitter.operation,
      job,
      async (op) => {
        process.send?.({ type: 'active', id: op.id, attempt: job.attemptsMade + 1 });
        op.stage('importing');
        for (let row = 1; row <= job.data.rows; row += 1)
          op.progress({
            percent: (row / job.data.rows) * 100,
            message: `row ${row}`,
            details: { row },
          });
        if (job.data.hang) {
          await new Promise((resolve) =>
            op.signal.addEventListener('abort', resolve, { once: true }),
          );
          throw new Error('stopped');
        }
        if (job.data.succeedOnAttempt && job.attemptsMade + 1 < job.data.succeedOnAttempt) {
          throw new Error(`attempt ${job.attemptsMade + 1} broke`);
        }
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
        ...(job.data.user ? { audience: { user: job.data.user } } : {}),
        ...(job.data.operationId ? { id: job.data.operationId } : {}),
        signal,
        jobProgressIntervalMs: 0,
        lockDuration,
        maxStalledCount,
      },
    ),
  {
    connection: new Redis(url, { maxRetriesPerRequest: null }),
    lockDuration,
    stalledInterval,
    maxStalledCount,
  },
);
worker.on('completed', (job, result) =>
  process.send?.({ type: 'completed', jobId: job.id, result }),
);
worker.on('failed', (job, error) =>
  process.send?.({
    type: 'failed',
    jobId: job?.id,
    attemptsMade: job?.attemptsMade,
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
