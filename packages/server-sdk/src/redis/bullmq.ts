import { isValidId, OpwireError } from '@opwire/protocol';
import type { OperationReporter } from '../operations/liveOperation.js';
import type { OperationOptions } from '../operations/operationOptions.js';
import type { OperationsApi } from '../operations/operationsApi.js';
import { ProgressCoalescer } from '../operations/progressCoalescer.js';

/** The parts of a BullMQ `Job` the helper uses (so BullMQ stays an optional peer). */
export interface BullJobLike {
  /** The job's id; part of the default operation id. */
  id?: string | undefined;
  /** The job's name; the default operation type. */
  name: string;
  /** The queue the job came from; part of the default operation id. */
  queueName: string;
  /** How many attempts ran before this one; keeps each retry's operation id distinct. */
  attemptsMade: number;
  /** Reports progress to BullMQ; called with the operation's percent, throttled. */
  updateProgress(progress: number | object): Promise<void>;
}

/** How {@link trackBullJob} names, scopes and reports the operation it runs a job as. */
export interface TrackBullJobOptions extends Omit<OperationOptions, 'id'> {
  /** The third argument of a BullMQ processor: aborted by `worker.cancelJob()`. */
  signal?: AbortSignal | undefined;
  /** Operation type. @default job.name */
  type?: string;
  /** Operation id. @default `bull.<queue>.<job id>.<attempt>` when those make a valid id, else random */
  id?: string;
  /** At most one `job.updateProgress()` per this many ms. @default 500 */
  jobProgressIntervalMs?: number;
}

/**
 * Runs a BullMQ job as an opwire operation, inside a processor:
 * `new Worker(queue, (job, token, signal) => trackBullJob(emitter.operation, job, work, { audience, signal }))`.
 *
 * Progress goes to opwire (coalesced) and to `job.updateProgress` (throttled);
 * the job's result completes the operation; a throw fails both (the original
 * error is rethrown for BullMQ's retries); `worker.cancelJob()` and an opwire
 * cancel both abort `op.signal`, and a cancelled operation fails the job with
 * an `OpwireError` of code `operation_cancelled`.
 */
export async function trackBullJob<TResult>(
  operations: OperationsApi,
  job: BullJobLike,
  work: (op: OperationReporter) => Promise<TResult>,
  options: TrackBullJobOptions,
): Promise<TResult> {
  const { signal, type, jobProgressIntervalMs, id: givenId, ...operationOptions } = options;
  const candidate = `bull.${job.queueName}.${job.id ?? 'none'}.${job.attemptsMade}`;
  const id = givenId ?? (isValidId(candidate) && job.id !== undefined ? candidate : undefined);
  let thrown: { error: unknown } | undefined;

  const { id: operationId, done } = operations.track(
    type ?? job.name,
    async (op) => {
      const jobProgress = new ProgressCoalescer(jobProgressIntervalMs ?? 500, (update) => {
        if (update.percent !== undefined) job.updateProgress(update.percent).catch(() => {});
      });
      const reporter: OperationReporter = {
        id: op.id,
        signal: op.signal,
        progress(percent, message, details) {
          op.progress(percent, message, details);
          jobProgress.push({ percent });
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
    id === undefined ? operationOptions : { ...operationOptions, id },
  );

  const onQueueAbort = () => {
    operations.cancel(operationId, 'cancelled by the queue').catch(() => {});
  };
  if (signal?.aborted) onQueueAbort();
  signal?.addEventListener('abort', onQueueAbort, { once: true });
  try {
    const final = await done;
    if (final.status === 'succeeded') return final.result as TResult;
    if (final.status === 'cancelled') {
      throw new OpwireError('operation_cancelled', `Operation ${operationId} was cancelled.`, {
        details: { operationId },
      });
    }
    throw thrown
      ? thrown.error
      : new OpwireError('operation_failed', final.error?.message ?? 'The job failed.');
  } finally {
    signal?.removeEventListener('abort', onQueueAbort);
  }
}
