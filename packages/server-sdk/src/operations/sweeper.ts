import { isTerminalStatus, OpwireError } from '@opwire/protocol';
import type { OperationRecord } from '../store/operationStore.js';
import { endWaiting } from './enqueue.js';
import { jobMissing, ownerLost, queueGaveUp, WORKER_STOPPED_MESSAGE } from './lifecycleEnds.js';
import type { OperationRuntime } from './operationRuntime.js';
import type { QueueWatch } from './queueWatch.js';
import { sendStored } from './storedEvents.js';

const BATCH = 100;
const DEFAULT_QUEUE_CHECK_MS = 30_000;
/** Index pruning runs at every this many sweeps. */
const PRUNE_EVERY = 12;

/**
 * Runs in every web node and worker: ends operations whose owner's lease ran
 * out (`owner_lost`, or back to `queued` when their queue will run them
 * again), ends waiting operations of the queues this process watches whose
 * job disappeared, and now and then drops stale index entries. Several
 * processes may sweep at once: the store decides each end atomically, so it
 * happens once.
 */
export class Sweeper {
  readonly #runtime: OperationRuntime;
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;
  #sweeps = 0;

  constructor(runtime: OperationRuntime, intervalMs: number) {
    this.#runtime = runtime;
    this.#intervalMs = intervalMs;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      this.sweep().catch(() => {});
    }, this.#intervalMs);
    this.#timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One sweep; a sweep still running is joined, not doubled. */
  sweep(): Promise<void> {
    this.#running ??= this.#sweep().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #sweep(): Promise<void> {
    const { store, events } = this.#runtime;
    this.#sweeps += 1;
    const report = (error: unknown) => events.emit('error', OpwireError.from(error, 'unavailable'));
    if (store.expiredLeases) {
      const expired = await store.expiredLeases(BATCH).catch((error: unknown) => {
        report(error);
        return [];
      });
      for (const record of expired) await this.#endLost(record).catch(report);
    }
    for (const watch of this.#runtime.queues.values()) await this.#checkQueue(watch).catch(report);
    if (this.#sweeps % PRUNE_EVERY === 0) await store.prune?.().catch(report);
  }

  async #endLost(record: OperationRecord): Promise<void> {
    const owner = record.owner;
    if (owner === null || isTerminalStatus(record.snapshot.status)) return;
    const requeue = owner.onLost === 'requeue';
    const result = await this.#runtime.store.append(
      {
        operationId: record.snapshot.id,
        ts: this.#runtime.timers.now(),
        ...(requeue
          ? { topic: 'operation.requeued', payload: { message: WORKER_STOPPED_MESSAGE } }
          : {
              topic: 'operation.failed',
              payload: { error: ownerLost(owner.leaseMs).toOperationError() },
            }),
      },
      { token: owner.token, leaseExpired: true, release: requeue },
    );
    if (result.status !== 'appended') return;
    sendStored(this.#runtime, result.event, result.snapshot);
    if (!requeue) this.#runtime.events.emit('operation.ended', result.snapshot);
  }

  async #checkQueue(watch: QueueWatch): Promise<void> {
    const { store, timers } = this.#runtime;
    const now = timers.now();
    const checkMs = watch.checkEveryMs ?? DEFAULT_QUEUE_CHECK_MS;
    const due = await store.queuedBefore(watch.name, now - checkMs, BATCH);
    for (const id of due) {
      const record = await store.record(id);
      if (
        record === null ||
        record.queue !== watch.name ||
        record.owner !== null ||
        record.snapshot.status !== 'queued'
      ) {
        await store.markQueued(watch.name, id, null);
        continue;
      }
      const job = await watch.inspect(id);
      if (job.state === 'waiting') await store.markQueued(watch.name, id, now);
      else if (job.state === 'missing') {
        await endWaiting(this.#runtime, id, {
          topic: 'operation.failed',
          payload: { error: jobMissing(watch.name).toOperationError() },
        });
      } else if (job.state === 'failed') {
        const error = job.ownerLost
          ? queueGaveUp(watch.name, job.message).toOperationError()
          : { message: job.message };
        await endWaiting(this.#runtime, id, { topic: 'operation.failed', payload: { error } });
      } else {
        await endWaiting(this.#runtime, id, {
          topic: 'operation.completed',
          payload: job.result === undefined ? {} : { result: job.result },
        });
      }
    }
  }
}
