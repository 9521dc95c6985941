import type { ImportRequest } from '@opwire-examples/demo-kit';

/** The BullMQ queue the web server fills and the worker drains. */
export const IMPORT_QUEUE = 'user-imports';

/** A job's data: the import to run. Its job id is the operation id the web server answered with. */
export interface ImportJobData {
  request: ImportRequest;
}

/**
 * BullMQ's lock on a running job, which the operation's lease follows: a
 * worker that dies is noticed once it runs out. LOCK_MS and STALLED_MS
 * shorten it for the demo and the test; BullMQ's defaults are 30 s.
 */
export const workerLocks = () => ({
  lockDuration: Number(process.env.LOCK_MS ?? 30_000),
  stalledInterval: Number(process.env.STALLED_MS ?? 30_000),
  maxStalledCount: Number(process.env.MAX_STALLED ?? 1),
});

export const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
