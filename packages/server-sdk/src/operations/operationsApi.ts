import { randomUUID } from 'node:crypto';
import { idProblem, isValidId, type OperationSnapshot, OpwireError } from '@opwire/protocol';
import { type Audience, audienceRooms } from '../audience.js';
import {
  type AttemptOutcome,
  type ClaimedAttempt,
  type ClaimOptions,
  toAttemptOutcome,
} from './claim.js';
import type { OperationDefinition } from './defineOperation.js';
import { type EnqueuedOperation, type EnqueueOptions, enqueueOperation } from './enqueue.js';
import { FollowerHandle } from './followerHandle.js';
import { LiveOperation } from './liveOperation.js';
import type { OperationHandle, OperationReporter } from './operationHandle.js';
import type { OperationOptions, RunOptions } from './operationOptions.js';
import type { OperationRuntime } from './operationRuntime.js';
import type { QueueWatch } from './queueWatch.js';
import { requestCancel } from './requestCancel.js';
import type { RunStart } from './runStart.js';

// The request handlers import it from here.
export { requestCancel };

/** What `operation.track()` returns at once. */
export interface TrackedOperation<TResult = unknown, TDetails = unknown> {
  /** The operation's id, to answer `202 { operationId }` with. */
  id: string;
  /**
   * Resolves with the final snapshot: of this run, or, when the id belongs
   * to a run the store already holds (same type), of that run. Rejects with
   * `conflict` (the id belongs to another type), `unavailable` (the store
   * failed before the job ran) or `not_owner` (this process lost the run to
   * another that still runs it).
   */
  done: Promise<OperationSnapshot<TResult, TDetails>>;
  /**
   * Resolves `owner` once `operation.started` is stored and the job function
   * is about to run, or `follower` when the id belongs to a run the store
   * already holds (the job function is then never called); rejects like `done`.
   */
  started: Promise<'owner' | 'follower'>;
}

/**
 * The job `operation.track()` runs. It reports through `op`; returning ends
 * the operation `succeeded` with the result, throwing ends it `failed`, and
 * once cancellation was requested (`op.signal` aborted) it ends `cancelled`
 * whichever way it settles.
 */
export type TrackFunction<TResult, TDetails, TStage extends string> = (
  op: OperationReporter<TDetails, TStage>,
) => TResult | Promise<TResult>;

/** Options of `operation.list()`. */
export interface ListOperationsOptions {
  /**
   * `active`: operations still queued or running; `all`: ended ones too.
   * @default 'active'
   */
  status?: 'active' | 'all';
  /** Only operations visible to this audience. */
  audience?: Audience;
  /**
   * Most snapshots returned.
   * @default 100
   */
  limit?: number;
}

/** `opwire.operation`: start, track, queue, read and cancel operations. */
export interface OperationsApi {
  /**
   * Runs `fn` as an operation and returns its id at once (answer `202 { operationId }`).
   * `fn` is called only once `operation.started` is stored. Returning ends it
   * `succeeded` with the result, throwing ends it `failed` (clients see only
   * the message and code), and if cancellation was requested it ends
   * `cancelled` when `fn` settles. With an `id` the store already holds for
   * the same type, `fn` is never called and `done` follows that run.
   */
  track<TResult = unknown, TDetails = unknown, TStage extends string = string>(
    definition: OperationDefinition<TResult, TDetails, TStage> | string,
    fn: TrackFunction<TResult, TDetails, TStage>,
    options: OperationOptions<TStage>,
  ): TrackedOperation<TResult, TDetails>;
  /**
   * Starts an operation you drive yourself with `progress`, `stage`,
   * `complete`, `fail`, `cancel`. With an `id` the store already holds for
   * the same type, the handle is a follower: see {@link OperationHandle}.
   */
  start<TResult = unknown, TDetails = unknown, TStage extends string = string>(
    definition: OperationDefinition<TResult, TDetails, TStage> | string,
    options: OperationOptions<TStage>,
  ): OperationHandle<TResult, TDetails, TStage>;
  /**
   * Stores an operation as `queued`, visible to its audience at once, for a
   * job queue to run (`enqueueTracked` from `@opwire/server/redis` does this
   * and adds the job). With an id the store already holds for the same type,
   * resolves with that operation (`created: false`); for another type,
   * rejects with `conflict`.
   */
  enqueue<TStage extends string = string>(
    definition: OperationDefinition<unknown, unknown, TStage> | string,
    options: EnqueueOptions<TStage>,
  ): Promise<EnqueuedOperation>;
  /**
   * Runs `fn` as the next attempt of a queued operation: claims it (the
   * one sanctioned way to run an operation again), creating it when the store
   * does not hold it. A failure ends it `failed`, or, when `retry` says so,
   * sends it back to `queued` with the error as its message. `fn` is not
   * called when the attempt cannot be claimed (`not_claimed`).
   */
  claim<TResult = unknown, TDetails = unknown, TStage extends string = string>(
    definition: OperationDefinition<TResult, TDetails, TStage> | string,
    fn: TrackFunction<TResult, TDetails, TStage>,
    options: ClaimOptions<TStage>,
  ): ClaimedAttempt<TResult, TDetails>;
  /**
   * Watches a job queue: its waiting operations end when their job
   * disappears, and cancelling one removes its job. Returns the function that
   * stops watching.
   */
  watchQueue(queue: QueueWatch): () => void;
  /** The current snapshot, or `null`. */
  get(id: string): Promise<OperationSnapshot | null>;
  /** Snapshots from the store, newest first: active ones by default, at most 100 by default. */
  list(options?: ListOperationsOptions): Promise<OperationSnapshot[]>;
  /**
   * Asks an operation to stop: its signal aborts (a waiting queued one is
   * cancelled at once and its job removed). Resolves `true` when the request
   * was made, `false` when there is no such operation that can be cancelled.
   */
  cancel(id: string, reason?: string): Promise<boolean>;
}

/** Handles on the operations running in this process. */
export type LocalOperations = Map<string, LiveOperation<unknown, unknown, string>>;

export function createOperationsApi(
  runtime: OperationRuntime,
  running: LocalOperations,
): OperationsApi {
  const begin = <TResult, TDetails, TStage extends string>(
    definitionOrType: OperationDefinition<TResult, TDetails, TStage> | string,
    options: RunOptions<TStage> | undefined,
    endsOnCancelRequest: boolean,
    start: RunStart = { kind: 'start' },
    retry?: (error: unknown) => boolean,
  ): OperationHandle<TResult, TDetails, TStage> => {
    const definition = toDefinition(definitionOrType);
    if (options === undefined || (options.audience === undefined && start.kind === 'start')) {
      throw new OpwireError(
        'invalid_option',
        `Operation "${definition.type}" needs an audience, e.g. { audience: { user: req.user.id } }.`,
      );
    }
    checkLimits(options, runtime.lease.leaseMs);
    const audience = options.audience === undefined ? [] : audienceRooms(options.audience);
    const id = options.id ?? randomUUID();
    if (!isValidId(id))
      throw new OpwireError('invalid_option', `Invalid operation id: ${idProblem(id)}`);
    const local = running.get(id);
    if (local) {
      if (local.type === definition.type && start.kind === 'start')
        return FollowerHandle.of(id, local.done);
      return FollowerHandle.refused(
        id,
        new OpwireError(
          'conflict',
          start.kind === 'start'
            ? `Operation id "${id}" is running here as type "${local.type}", not "${definition.type}"; use another id.`
            : `Operation "${id}" already runs in this process; the attempt cannot be claimed.`,
          { details: { operationId: id } },
        ),
      );
    }
    const live: LiveOperation<TResult, TDetails, TStage> = new LiveOperation(runtime, {
      id,
      definition,
      options,
      audience,
      start,
      endsOnCancelRequest,
      onEnded: (endedId) => {
        if (running.get(endedId) === (live as unknown)) running.delete(endedId);
      },
      ...(retry ? { retry } : {}),
    });
    running.set(id, live as unknown as LiveOperation<unknown, unknown, string>);
    return live;
  };

  const run = <TResult, TDetails, TStage extends string>(
    live: OperationHandle<TResult, TDetails, TStage>,
    fn: TrackFunction<TResult, TDetails, TStage>,
  ) => {
    if (!(live instanceof LiveOperation)) return;
    live.started.then(
      (role) => {
        if (role !== 'owner' || live.ended) return;
        Promise.resolve()
          .then(() => fn(live))
          .then(
            (result) => {
              if (live.ended) return;
              if (live.signal.aborted) live.cancel(live.cancelReason);
              else live.complete(result);
            },
            (error: unknown) => {
              if (live.ended) return;
              if (live.signal.aborted) live.cancel(live.cancelReason);
              else live.fail(error);
            },
          )
          .catch((error: unknown) => {
            // complete() itself threw: the result does not match the definition.
            if (!live.ended) live.fail(error);
            runtime.events.emit('error', OpwireError.from(error));
          });
      },
      () => {},
    );
  };

  return {
    start(definition, options) {
      return begin(definition, options, true);
    },

    track(definition, fn, options) {
      const live = begin(definition, options, false);
      run(live, fn);
      return { id: live.id, done: live.done, started: live.started };
    },

    enqueue(definition, options) {
      return enqueueOperation(runtime, toDefinition(definition).type, options);
    },

    claim(definition, fn, options) {
      const { attempt, attempts, queue, retry, onLeaseLost, ...rest } = options;
      if (
        !Number.isInteger(attempt) ||
        attempt < 1 ||
        !Number.isInteger(attempts) ||
        attempts < 1
      ) {
        throw new OpwireError(
          'invalid_option',
          `claim() needs whole numbers attempt ≥ 1 and attempts ≥ 1, got ${attempt} and ${attempts}.`,
        );
      }
      const live = begin(
        definition,
        rest,
        false,
        { kind: 'claim', attempt, attempts, queue, onLost: onLeaseLost ?? 'fail' },
        retry ?? (() => attempt < attempts),
      );
      run(live, fn);
      const outcome: Promise<AttemptOutcome<unknown, unknown>> =
        live instanceof LiveOperation
          ? live.outcome.then(toAttemptOutcome)
          : live.done.then(
              (snapshot) => ({
                status: 'not_claimed' as const,
                error: notClaimed(live.id),
                snapshot,
              }),
              (error: unknown) => ({
                status: 'not_claimed' as const,
                error: OpwireError.from(error),
                snapshot: null,
              }),
            );
      return { id: live.id, outcome } as never;
    },

    watchQueue(queue) {
      // The first watch of a queue name stays; another object for the same queue adds nothing.
      if (runtime.queues.has(queue.name)) return () => {};
      runtime.queues.set(queue.name, queue);
      return () => {
        if (runtime.queues.get(queue.name) === queue) runtime.queues.delete(queue.name);
      };
    },

    async get(id) {
      if (!isValidId(id)) return null;
      return runtime.store.get(id);
    },

    async list(options = {}) {
      return runtime.store.list({
        status: options.status ?? 'active',
        limit: options.limit ?? 100,
        ...(options.audience ? { rooms: audienceRooms(options.audience) } : {}),
      });
    },

    async cancel(id, reason) {
      return requestCancel(runtime, running, id, reason);
    },
  };
}

function notClaimed(id: string): OpwireError {
  return new OpwireError('conflict', `Operation "${id}" already runs in this process.`);
}

function checkLimits(options: RunOptions<string>, defaultLeaseMs: number): void {
  const { timeoutMs, leaseMs = defaultLeaseMs, leaseRenewMs } = options;
  const positive = (value: number | undefined) =>
    value === undefined || (Number.isFinite(value) && value > 0);
  if (!positive(timeoutMs) || !positive(leaseMs) || !positive(leaseRenewMs)) {
    throw new OpwireError(
      'invalid_option',
      'timeoutMs, leaseMs and leaseRenewMs must be positive numbers of ms.',
    );
  }
  if (leaseRenewMs !== undefined && leaseRenewMs >= leaseMs) {
    throw new OpwireError(
      'invalid_option',
      `leaseRenewMs (${leaseRenewMs}) must be below leaseMs (${leaseMs}).`,
    );
  }
}

function toDefinition<TResult, TDetails, TStage extends string>(
  value: OperationDefinition<TResult, TDetails, TStage> | string,
): OperationDefinition<TResult, TDetails, TStage> {
  if (typeof value !== 'string') return value;
  if (value.length === 0)
    throw new OpwireError('invalid_option', 'An operation needs a non-empty type name.');
  return { type: value, details: undefined, result: undefined, stages: undefined };
}
