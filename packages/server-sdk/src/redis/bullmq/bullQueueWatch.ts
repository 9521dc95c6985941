import type { QueuedJobState, QueueWatch } from '../../operations/queueWatch.js';
import type { BullQueueLike } from './bullTypes.js';

/** What BullMQ writes on a job it failed because its workers kept dying on it. */
const STALLED_OUT = /stalled more than allowable limit|started more than allowable limit/;

/** Sees a BullMQ queue for opwire: what it holds for a job, and removal of a waiting one. */
export function bullQueueWatch(queue: BullQueueLike, checkEveryMs?: number): QueueWatch {
  return {
    name: queue.name,
    ...(checkEveryMs === undefined ? {} : { checkEveryMs }),
    async inspect(jobId): Promise<QueuedJobState> {
      const job = await queue.getJob(jobId);
      if (job === undefined || job === null) return { state: 'missing' };
      const state = await job.getState();
      if (state === 'unknown') return { state: 'missing' };
      if (state === 'completed') return { state: 'completed', result: job.returnvalue };
      if (state === 'failed') {
        const message = job.failedReason ?? 'the queue failed the job';
        return { state: 'failed', message, ownerLost: STALLED_OUT.test(message) };
      }
      return { state: 'waiting' };
    },
    async remove(jobId) {
      return (await queue.remove(jobId)) > 0;
    },
  };
}
