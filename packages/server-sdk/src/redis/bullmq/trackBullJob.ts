import { isValidId, OpwireError } from '@opwire/protocol';
import type { OperationReporter, ProgressReport } from '../../operations/operationHandle.js';
import type { RunOptions } from '../../operations/operationOptions.js';
import type { OperationsApi } from '../../operations/operationsApi.js';
import { readProgressArguments } from '../../operations/progressArguments.js';
import { ProgressCoalescer } from '../../operations/progressCoalescer.js';
import type { BullJobLike } from './bullTypes.js';

/** How {@link trackBullJob} names, scopes and reports the operation a job runs as. */
export interface TrackBullJobOptions extends Omit<RunOptions, 'id' | 'queued'> {
  /** The third argument of a BullMQ processor: aborted by `worker.cancelJob()`. */
  signal?: AbortSignal | undefined;
  /** Operation type. @default job.name */
  type?: string;
  /**
   * Operation id. @default the job id when the job was added with one (as
   * `enqueueTracked` does), else `bull.<queue>.<job id>`
   */
  id?: string;
  /** At most one `job.updateProgress()` per this many ms. @default 500 */
  jobProgressIntervalMs?: number;
  /**
   * The worker's `lockDuration`: the operation's lease follows BullMQ's lock.
   * @default 30000 (BullMQ's default)
   */
  lockDuration?: number;
  /**
   * The worker's `maxStalledCount`: when this worker dies and BullMQ will
   * hand the job to another worker, the operation goes back to `queued`;
   * when it will not, the operation ends `failed` with `owner_lost`.
   * @default 1 (BullMQ's default)
   */
  maxStalledCount?: number;
}

/**
 * Runs a BullMQ job as one attempt of an opwire operation, inside a processor:
 * `new Worker(queue, (job, token, signal) => trackBullJob(emitter.operation, job, work, { signal }))`.
 *
 * Every attempt of a job is an attempt of one operation: this claims the
 * next one (creating the operation when the job was not added with
 * `enqueueTracked`, which then needs an `audience`). Progress goes to opwire
 * (coalesced) and to `job.updateProgress` (throttled); the job's result
 * completes the operation; a throw rethrows the original error for BullMQ
 * and sends the operation back to `queued` (the error as its message) when
 * BullMQ will retry, or ends it `failed` when attempts are exhausted.
 * `worker.cancelJob()` and an opwire cancel both abort `op.signal`; a
 * cancelled operation fails the job with `operation_cancelled`, and the job
 * is not retried. A job whose operation ended or was cancelled while it
 * waited does not run its work, and is not retried either.
 */
export async function trackBullJob<TResult>(
  operations: OperationsApi,
  job: BullJobLike,
  work: (op: OperationReporter) => Promise<TResult>,
  options: TrackBullJobOptions = {},
): Promise<TResult> {
  const {
    signal,
    type,
    id: givenId,
    jobProgressIntervalMs,
    lockDuration = 30_000,
    maxStalledCount = 1,
    ...operationOptions
  } = options;
  const id = givenId ?? defaultId(job);
  const attempts = Math.max(1, job.opts.attempts ?? 1);
  const attempt = Math.min(job.attemptsMade + 1, attempts);
  let thrown: { error: unknown } | undefined;

  const { outcome } = operations.claim(
    type ?? job.name,
    async (op) => {
      const jobProgress = new ProgressCoalescer(jobProgressIntervalMs ?? 500, (update) => {
        if (update.percent !== undefined) job.updateProgress(update.percent).catch(() => {});
      });
      const reporter: OperationReporter = {
        id: op.id,
        signal: op.signal,
        progress(first: number | ProgressReport, message?: string, details?: unknown) {
          const report = readProgressArguments(first, message, details);
          op.progress(report);
          jobProgress.push({ percent: report.percent });
        },
        stage(name, message) {
          op.stage(name, message);
        },
      };
      try {
        return await work(reporter);
      } catch (error) {
        thrown = { error };
        throw error;
      } finally {
        jobProgress.flush();
      }
    },
    {
      leaseMs: lockDuration,
      leaseRenewMs: lockDuration / 2,
      ...operationOptions,
      id,
      queue: job.queueName,
      attempt,
      attempts,
      // As BullMQ decides: another attempt while some are left, unless the error says not to.
      retry: (error) =>
        job.attemptsMade + 1 < attempts && !isUnrecoverable(error) && !signal?.aborted,
      onLeaseLost: (job.stalledCounter ?? 0) < maxStalledCount ? 'requeue' : 'fail',
    },
  );

  const onQueueAbort = () => {
    operations.cancel(id, 'cancelled by the queue').catch(() => {});
  };
  if (signal?.aborted) onQueueAbort();
  signal?.addEventListener('abort', onQueueAbort, { once: true });
  try {
    const result = await outcome;
    switch (result.status) {
      case 'succeeded':
        return result.snapshot.result as TResult;
      case 'cancelled':
        job.discard?.();
        throw new OpwireError('operation_cancelled', `Operation ${id} was cancelled.`, {
          details: { operationId: id },
        });
      case 'failed':
      case 'requeued': {
        if (thrown) throw thrown.error;
        const reason = result.snapshot.error?.message ?? result.snapshot.message;
        throw new OpwireError('operation_failed', reason ?? 'The attempt failed.', {
          details: { operationId: id, errorCode: result.snapshot.error?.code ?? null },
        });
      }
      case 'lost':
        throw new OpwireError(
          'not_owner',
          `This worker lost operation ${id} (its lease ran out); the queue decides what happens to the job.`,
          { details: { operationId: id } },
        );
      default:
        job.discard?.();
        throw result.error;
    }
  } finally {
    signal?.removeEventListener('abort', onQueueAbort);
  }
}

function defaultId(job: BullJobLike): string {
  if (job.opts.jobId !== undefined && job.id !== undefined && isValidId(job.id)) return job.id;
  const candidate = `bull.${job.queueName}.${job.id ?? 'none'}`;
  if (job.id === undefined || !isValidId(candidate)) {
    throw new OpwireError(
      'invalid_option',
      `Job ${job.id ?? '(no id)'} of queue "${job.queueName}" gives no valid operation id; pass \`id\` to trackBullJob.`,
    );
  }
  return candidate;
}

function isUnrecoverable(error: unknown): boolean {
  return error instanceof Error && error.name === 'UnrecoverableError';
}
