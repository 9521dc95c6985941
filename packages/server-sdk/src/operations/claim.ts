import type { OperationSnapshot, OpwireError } from '@opwire/protocol';
import type { LeaseLossPolicy } from '../store/operationStore.js';
import type { OperationOptions } from './operationOptions.js';
import type { RunOutcome } from './runSettlement.js';

/** Options of `operation.claim()`: which attempt of which queued operation this is. */
export interface ClaimOptions<TStage extends string = string>
  extends Omit<OperationOptions<TStage>, 'id' | 'queued' | 'audience'> {
  /** The queued operation's id (for a BullMQ job, its job id). */
  id: string;
  /** The queue whose job this is; an operation of another queue is not claimed. */
  queue: string;
  /** This attempt's number, from 1. */
  attempt: number;
  /** Attempts allowed in all. */
  attempts: number;
  /**
   * Who sees the operation, needed only when the store does not hold it yet
   * (a job added without `enqueueTracked`); otherwise the stored audience is used.
   */
  audience?: OperationOptions<TStage>['audience'] | undefined;
  /**
   * Whether a failure of this attempt goes back to the queue (`queued`, the
   * error as message) instead of ending the operation `failed`.
   * @default attempt < attempts
   */
  retry?: (error: unknown) => boolean;
  /**
   * What happens when this process stops renewing the lease (it died):
   * `requeue` when the queue will hand the job to another worker, else `fail`
   * (`owner_lost`).
   * @default 'fail'
   */
  onLeaseLost?: LeaseLossPolicy;
}

/** How one claimed attempt ended. */
export type AttemptOutcome<TResult = unknown, TDetails = unknown> =
  | {
      /** The attempt ended the operation. */
      status: 'succeeded' | 'failed' | 'cancelled';
      /** The final snapshot. */
      snapshot: OperationSnapshot<TResult, TDetails>;
    }
  | {
      /** The attempt failed and the operation waits, `queued`, for the next one. */
      status: 'requeued';
      /** The snapshot, back in `queued`. */
      snapshot: OperationSnapshot<TResult, TDetails>;
    }
  | {
      /** This process stopped owning the operation before the attempt ended (its lease ran out). */
      status: 'lost';
      /** What the store held then, or `null`. */
      snapshot: OperationSnapshot | null;
    }
  | {
      /** The attempt did not run: the operation ended, is of another type or queue, or the store failed. */
      status: 'not_claimed';
      /** Why. */
      error: OpwireError;
      /** What the store holds under the id, or `null`. */
      snapshot: OperationSnapshot | null;
    };

/** What `operation.claim()` returns at once. */
export interface ClaimedAttempt<TResult = unknown, TDetails = unknown> {
  /** The operation's id. */
  id: string;
  /** Settles once this attempt ended, however it ended; never rejects. */
  outcome: Promise<AttemptOutcome<TResult, TDetails>>;
}

export function toAttemptOutcome(outcome: RunOutcome): AttemptOutcome {
  switch (outcome.kind) {
    case 'ended':
      return { status: outcome.snapshot.status as 'succeeded', snapshot: outcome.snapshot };
    case 'requeued':
      return { status: 'requeued', snapshot: outcome.snapshot };
    case 'lost':
      return { status: 'lost', snapshot: outcome.snapshot };
    case 'not_started':
      return { status: 'not_claimed', error: outcome.error, snapshot: outcome.snapshot };
    case 'failed':
      return { status: 'lost', snapshot: null };
    case 'follower':
      return { status: 'lost', snapshot: null };
  }
}
