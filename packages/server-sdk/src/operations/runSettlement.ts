import { isTerminalStatus, type OperationSnapshot, OpwireError } from '@opwire/protocol';
import type { OperationRuntime } from './operationRuntime.js';

/** How one process's run of an operation ended. */
export type RunOutcome =
  /** This run wrote the terminal event. */
  | { kind: 'ended'; snapshot: OperationSnapshot }
  /** This run's attempt failed and the operation went back to its queue. */
  | { kind: 'requeued'; snapshot: OperationSnapshot }
  /** Another process ended the run or took it over (this process's lease ran out). */
  | { kind: 'lost'; snapshot: OperationSnapshot | null }
  /** The store already held a run of the same type under the id: this handle follows it. */
  | { kind: 'follower' }
  /** Nothing ran: the id belongs to another type, the attempt cannot be claimed, or the store failed. */
  | { kind: 'not_started'; error: OpwireError; snapshot: OperationSnapshot | null }
  /** The run's end could not be stored. */
  | { kind: 'failed'; error: OpwireError };

/**
 * The promises of one run: `started` (owner or follower), `outcome` (how
 * this process's run ended) and `done` (the operation's final snapshot),
 * each settled once.
 */
export class RunSettlement {
  readonly outcome: Promise<RunOutcome>;
  readonly done: Promise<OperationSnapshot>;
  readonly started: Promise<'owner' | 'follower'>;
  #settleOutcome!: (outcome: RunOutcome) => void;
  #resolveStarted!: (role: 'owner' | 'follower') => void;
  #rejectStarted!: (error: OpwireError) => void;
  #settled = false;

  constructor(runtime: OperationRuntime, id: string) {
    this.outcome = new Promise((resolve) => {
      this.#settleOutcome = resolve;
    });
    this.started = new Promise((resolve, reject) => {
      this.#resolveStarted = resolve;
      this.#rejectStarted = reject;
    });
    this.started.catch(() => {});
    this.done = this.outcome.then((outcome) => {
      switch (outcome.kind) {
        case 'ended':
          return outcome.snapshot;
        case 'follower':
          return runtime.remote.untilEnded(id);
        case 'lost':
          if (outcome.snapshot !== null && isTerminalStatus(outcome.snapshot.status))
            return outcome.snapshot;
          throw notOwner(id, 'another process runs it now');
        case 'requeued':
          throw notOwner(id, 'it went back to its queue for another attempt');
        case 'not_started':
        case 'failed':
          throw outcome.error;
      }
    });
    this.done.catch(() => {});
  }

  startedAs(role: 'owner' | 'follower'): void {
    this.#resolveStarted(role);
  }

  /** Settles the outcome; the first call wins. */
  settle(outcome: RunOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    if (outcome.kind === 'not_started' || outcome.kind === 'failed')
      this.#rejectStarted(outcome.error);
    this.#settleOutcome(outcome);
  }
}

function notOwner(id: string, why: string): OpwireError {
  return new OpwireError('not_owner', `This process no longer runs operation ${id}: ${why}.`, {
    details: { operationId: id },
  });
}
