import { OpwireError } from '@opwire/protocol';
import type { EnqueueOptions } from '../../operations/enqueue.js';
import { jobMissing } from '../../operations/lifecycleEnds.js';
import type { OperationsApi } from '../../operations/operationsApi.js';
import type { QueueWatch } from '../../operations/queueWatch.js';
import { bullQueueWatch } from './bullQueueWatch.js';
import type {
  BullJobDataOf,
  BullJobOf,
  BullJobOptions,
  BullJobOptionsOf,
  BullQueueLike,
} from './bullTypes.js';

/** Options of {@link enqueueTracked}: the operation's, and the BullMQ job's. */
export interface EnqueueTrackedOptions<TJobOptions = BullJobOptions>
  extends Omit<EnqueueOptions, 'queue' | 'attempts'> {
  /** Operation type. @default the job name */
  type?: string;
  /** BullMQ job options (`attempts`, `backoff`, `delay`, ...); any `jobId` is replaced by the operation id. */
  job?: TJobOptions;
  /**
   * How long a job may wait before this process checks that it is still in
   * the queue, and between checks, in ms.
   * @default 30000
   */
  checkEveryMs?: number;
}

/** What {@link enqueueTracked} resolves with. */
export interface EnqueuedJob<TJob> {
  /** The operation id, which is also the job id: answer `202 { operationId }` with it. */
  operationId: string;
  /** The BullMQ job; `undefined` only when the operation already existed and its job is gone. */
  job: TJob | undefined;
  /** `false` when the store already held the operation under this id (an idempotent repeat). */
  created: boolean;
}

const watches = new WeakMap<object, QueueWatch>();

/**
 * Enqueues a BullMQ job and creates its operation in one step: the operation
 * is stored `queued` (visible to its audience at once, with the attempts the
 * job allows), then the job is added with the operation id as its `jobId`.
 * From then on this process watches the queue: cancelling the operation
 * while it waits removes the job, and a waiting operation whose job
 * disappears (removed, obliterated, or never added because this process died
 * in between) ends `failed` with code `job_missing`. When `queue.add` fails,
 * the operation ends at once and the call rejects with `unavailable`.
 *
 * With an `id` the store already holds for the same type, nothing new is
 * stored: the job is added again only while the operation still waits (BullMQ
 * ignores a duplicate `jobId`, and re-adds a job that was lost).
 *
 * @example
 * const { operationId } = await enqueueTracked(opwire.operation, imports, 'user-import', data, {
 *   audience: { user: req.user.id },
 *   title: 'User import',
 *   job: { attempts: 3, backoff: { type: 'exponential', delay: 1000 } },
 * });
 * res.status(202).json({ operationId });
 */
export async function enqueueTracked<TQueue extends BullQueueLike>(
  operations: OperationsApi,
  queue: TQueue,
  name: string,
  data: BullJobDataOf<TQueue>,
  options: EnqueueTrackedOptions<BullJobOptionsOf<TQueue>>,
): Promise<EnqueuedJob<BullJobOf<TQueue>>> {
  type TJob = BullJobOf<TQueue>;
  const { type, job: jobOptions, checkEveryMs, ...operationOptions } = options;
  const attempts = (jobOptions as BullJobOptions | undefined)?.attempts ?? 1;
  const queued = await operations.enqueue(type ?? name, {
    ...operationOptions,
    queue: queue.name,
    attempts,
  });
  let watch = watches.get(queue);
  if (watch === undefined) {
    watch = bullQueueWatch(queue, checkEveryMs);
    watches.set(queue, watch);
  }
  operations.watchQueue(watch);
  const operationId = queued.id;
  if (!queued.created && queued.snapshot.status !== 'queued') {
    const existing = (await queue.getJob(operationId)) as TJob | undefined;
    return { operationId, job: existing ?? undefined, created: false };
  }
  try {
    const jobOptionsWithId = { ...(jobOptions as BullJobOptions | undefined), jobId: operationId };
    const job = (await queue.add(name, data as never, jobOptionsWithId as never)) as TJob;
    return { operationId, job, created: queued.created };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (queued.created)
      await queued.abandon(jobMissing(queue.name, `it could not be added: ${message}`));
    throw new OpwireError(
      'unavailable',
      `The job for operation ${operationId} could not be added to queue "${queue.name}" (${message}).`,
      { cause: error, details: { operationId } },
    );
  }
}
