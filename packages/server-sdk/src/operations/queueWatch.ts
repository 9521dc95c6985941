/** What a queue holds for the job of a waiting operation. */
export type QueuedJobState =
  | {
      /** The job waits (or is delayed, or a worker is about to claim it). */
      state: 'waiting';
    }
  | {
      /** The queue has no such job: it was removed, obliterated, or never added. */
      state: 'missing';
    }
  | {
      /** The queue failed the job without a worker reporting it. */
      state: 'failed';
      /** Why the queue failed it. */
      message: string;
      /** Whether it failed because its workers kept dying on it (it stalled too often). */
      ownerLost: boolean;
    }
  | {
      /** The queue completed the job without the operation hearing of it. */
      state: 'completed';
      /** What the job returned. */
      result: unknown;
    };

/**
 * A job queue seen by opwire, so that queued operations whose job
 * disappears do not stay `queued` for ever, and a cancel removes a waiting
 * job. `enqueueTracked` from `@opwire/server/redis` makes one for a BullMQ queue.
 */
export interface QueueWatch {
  /** The queue's name, as operations record it. */
  readonly name: string;
  /**
   * How long an operation may wait before its job is looked at, and between looks, in ms.
   * @default 30000
   */
  readonly checkEveryMs?: number;
  /** What the queue holds for this job id (the operation's id). */
  inspect(jobId: string): Promise<QueuedJobState>;
  /** Removes the job while it waits; resolves whether it was removed. */
  remove(jobId: string): Promise<boolean>;
}
