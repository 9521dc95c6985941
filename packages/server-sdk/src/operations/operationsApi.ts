import { randomUUID } from 'node:crypto';
import {
  idProblem,
  isTerminalStatus,
  isValidId,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';
import { type Audience, audienceRooms } from '../audience.js';
import type { OperationDefinition } from './defineOperation.js';
import { LiveOperation, type OperationHandle, type OperationReporter } from './liveOperation.js';
import type { OperationOptions } from './operationOptions.js';
import type { OperationRuntime } from './operationRuntime.js';

/** What `operation.track()` returns at once. */
export interface TrackedOperation<TResult = unknown, TDetails = unknown> {
  /** The operation's id, to answer `202 { operationId }` with. */
  id: string;
  /** Resolves with the final snapshot. Rejects only when the id was already taken (`conflict`). */
  done: Promise<OperationSnapshot<TResult, TDetails>>;
}

/**
 * The job `operation.track()` runs. It reports through `op`; returning ends
 * the operation `succeeded` with the result, throwing ends it `failed`, and
 * once cancellation was requested (`op.signal` aborted) it ends `cancelled`
 * whichever way it settles.
 */
export type TrackFunction<TDetails, TResult, TStage extends string> = (
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

/** `opwire.operation`: start, track, read and cancel operations. */
export interface OperationsApi {
  /**
   * Runs `fn` as an operation and returns its id at once (answer `202 { operationId }`).
   * Returning ends it `succeeded` with the result, throwing ends it `failed`
   * (clients see only the message and code), and if cancellation was requested
   * it ends `cancelled` when `fn` settles.
   */
  track<TDetails = unknown, TResult = unknown, TStage extends string = string>(
    definition: OperationDefinition<TDetails, TResult, TStage> | string,
    fn: TrackFunction<TDetails, TResult, TStage>,
    options: OperationOptions<TStage>,
  ): TrackedOperation<TResult, TDetails>;
  /** Starts an operation you drive yourself with `progress`, `stage`, `complete`, `fail`, `cancel`. */
  start<TDetails = unknown, TResult = unknown, TStage extends string = string>(
    definition: OperationDefinition<TDetails, TResult, TStage> | string,
    options: OperationOptions<TStage>,
  ): OperationHandle<TDetails, TResult, TStage>;
  /** The current snapshot, or `null`. */
  get(id: string): Promise<OperationSnapshot | null>;
  /** Snapshots from the store, newest first: active ones by default, at most 100 by default. */
  list(options?: ListOperationsOptions): Promise<OperationSnapshot[]>;
  /**
   * Asks an operation to stop: its signal aborts. Resolves `true` when the
   * request was made, `false` when there is no such running operation.
   */
  cancel(id: string, reason?: string): Promise<boolean>;
}

/** Handles on the operations running in this process. */
export type LocalOperations = Map<string, LiveOperation<unknown, unknown, string>>;

export function createOperationsApi(
  runtime: OperationRuntime,
  running: LocalOperations,
): OperationsApi {
  const start = <TDetails, TResult, TStage extends string>(
    definitionOrType: OperationDefinition<TDetails, TResult, TStage> | string,
    options: OperationOptions<TStage>,
    endsOnCancelRequest: boolean,
  ) => {
    const definition = toDefinition(definitionOrType);
    if (options === undefined || options.audience === undefined) {
      throw new OpwireError(
        'invalid_option',
        `Operation "${definition.type}" needs an audience, e.g. { audience: { user: req.user.id } }.`,
      );
    }
    const audience = audienceRooms(options.audience);
    const id = options.id ?? randomUUID();
    if (!isValidId(id))
      throw new OpwireError('invalid_option', `Invalid operation id: ${idProblem(id)}`);
    if (running.has(id)) {
      throw new OpwireError(
        'conflict',
        `Operation "${id}" is already running; operation ids must be unique.`,
      );
    }
    const live = new LiveOperation<TDetails, TResult, TStage>(runtime, {
      id,
      definition,
      options,
      audience,
      endsOnCancelRequest,
      onEnded: (endedId) => running.delete(endedId),
    });
    running.set(id, live as unknown as LiveOperation<unknown, unknown, string>);
    return live;
  };

  return {
    start(definition, options) {
      return start(definition, options, true);
    },

    track(definition, fn, options) {
      const live = start(definition, options, false);
      Promise.resolve()
        .then(() => fn(live))
        .then(
          (result) => {
            if (live.signal.aborted) live.cancel(live.cancelReason);
            else live.complete(result);
          },
          (error: unknown) => {
            if (live.signal.aborted) live.cancel(live.cancelReason);
            else live.fail(error);
          },
        )
        .catch((error: unknown) => {
          // complete() itself threw: the result does not match the definition.
          live.fail(error);
          runtime.events.emit('error', OpwireError.from(error));
        });
      return { id: live.id, done: live.done };
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

/** Cancels locally when the operation runs here; otherwise ends it in the store. */
export async function requestCancel(
  runtime: OperationRuntime,
  running: LocalOperations,
  id: string,
  reason: string | undefined,
): Promise<boolean> {
  const local = running.get(id);
  if (local) {
    local.requestCancel(reason);
    return true;
  }
  const snapshot = await runtime.store.get(id);
  if (snapshot === null || isTerminalStatus(snapshot.status)) return false;
  if (runtime.cancelRemote) return runtime.cancelRemote(id, reason);
  return false;
}

function toDefinition<TDetails, TResult, TStage extends string>(
  value: OperationDefinition<TDetails, TResult, TStage> | string,
): OperationDefinition<TDetails, TResult, TStage> {
  if (typeof value !== 'string') return value;
  if (value.length === 0)
    throw new OpwireError('invalid_option', 'An operation needs a non-empty type name.');
  return { type: value, details: undefined, result: undefined, stages: undefined };
}
