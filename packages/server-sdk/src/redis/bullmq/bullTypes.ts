// The parts of BullMQ the helpers use, written out so that BullMQ stays an optional peer.

/** The parts of a BullMQ `Job` that `trackBullJob` uses, inside a processor. */
export interface BullJobLike {
  /** The job's id; with `enqueueTracked` it is the operation id. */
  id?: string | undefined;
  /** The job's name; the default operation type. */
  name: string;
  /** The queue the job came from. */
  queueName: string;
  /** Attempts that failed before this one; this attempt's number is one more. */
  attemptsMade: number;
  /** Times the queue found the job stalled (its worker died or froze) so far. */
  stalledCounter?: number | undefined;
  /** The options the job was added with. */
  opts: {
    /** Attempts allowed in all. */
    attempts?: number | undefined;
    /** The id the job was added with, when it was given one. */
    jobId?: string | undefined;
  };
  /** Reports progress to BullMQ; called with the operation's percent, throttled. */
  updateProgress(progress: number | object): Promise<void>;
  /** Marks the job so BullMQ does not retry it (used once the operation can no longer run). */
  discard?(): void;
}

/** The parts of a BullMQ `Job` that a queue watch reads, outside a processor. */
export interface BullQueuedJobLike {
  /** The job's id. */
  id?: string | undefined;
  /** Why the job failed, once it did. */
  failedReason?: string | undefined;
  /** What the processor returned, once the job completed. */
  returnvalue?: unknown;
  /** `waiting`, `active`, `delayed`, `prioritized`, `completed`, `failed`, `unknown`, ... */
  getState(): Promise<string>;
}

/** BullMQ job options (`JobsOptions`), as far as opwire reads them. */
export interface BullJobOptions {
  /** The job id; `enqueueTracked` sets it to the operation id. */
  jobId?: string;
  /** Attempts allowed in all. @default 1 */
  attempts?: number;
}

/**
 * The parts of a BullMQ `Queue` that `enqueueTracked` uses. The job data and
 * options types are the queue's own (`Queue<Data>` from BullMQ fits).
 */
export interface BullQueueLike {
  /** The queue's name. */
  readonly name: string;
  /** Adds a job. */
  add(name: string, data: never, options?: never): Promise<BullQueuedJobLike>;
  /** The job with this id, or `undefined`. */
  getJob(jobId: string): Promise<BullQueuedJobLike | undefined>;
  /** Removes a job that is not locked by a worker; resolves 1 when it did. */
  remove(jobId: string): Promise<number>;
}

/** The data type of a queue's jobs. */
export type BullJobDataOf<TQueue extends BullQueueLike> = TQueue['add'] extends (
  name: string,
  data: infer TData,
  ...rest: never[]
) => unknown
  ? TData
  : never;
/** The job options type of a queue (BullMQ's `JobsOptions`). */
export type BullJobOptionsOf<TQueue extends BullQueueLike> = TQueue['add'] extends (
  name: string,
  data: never,
  options?: infer TOptions,
) => unknown
  ? Exclude<TOptions, undefined>
  : never;
/** The job type a queue's `add` resolves with. */
export type BullJobOf<TQueue extends BullQueueLike> = Awaited<ReturnType<TQueue['add']>>;
