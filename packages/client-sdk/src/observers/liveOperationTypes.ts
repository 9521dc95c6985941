import type { Observer } from './observerStore.js';
import type { OperationState, OperationViewStatus } from './operationState.js';

/** What `start` must resolve with: the id from the server's `202 { operationId }`. */
export interface StartedOperation {
  /** The id of the operation the server started. */
  operationId: string;
}

/**
 * Where a live operation stands: {@link OperationViewStatus}, plus
 * `starting` while `start` is in flight. `failed` also covers a `start` that
 * threw (then `operationId` is `null`).
 */
export type LiveOperationStatus = OperationViewStatus | 'starting';

/**
 * The state of a live operation: the operation's state, plus the time
 * before it has an id.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TDetails - the shape of its progress `details`
 * @typeParam TStage - the names of its stages
 */
export interface LiveOperationState<
  TResult = unknown,
  TDetails = unknown,
  TStage extends string = string,
> extends Omit<OperationState<TResult, TDetails, TStage>, 'status' | 'error' | 'isActive'> {
  /** `starting` while `start` is in flight, then as {@link OperationState.status}. */
  status: LiveOperationStatus;
  /**
   * From `execute()` until the operation ends (or `reset()`): `starting`,
   * `loading`, `queued` or `running`. A second `execute()` is refused meanwhile.
   */
  isActive: boolean;
  /**
   * Why it did not succeed: whatever `start` threw (as thrown when it is an
   * `Error`), or the operation's `OpwireError` (`operation_failed`,
   * `not_found`). `null` while running, after success and after a cancel.
   */
  error: Error | null;
}

/**
 * Options of {@link createLiveOperation}. The callbacks are read at call
 * time (see `options()` there), so a framework may pass fresh ones each render.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TInput - what `execute(input)` passes to `start`
 * @typeParam TDetails - the shape of its progress `details`
 * @typeParam TStage - the names of its stages
 */
export interface LiveOperationOptions<
  TResult = unknown,
  TInput = void,
  TDetails = unknown,
  TStage extends string = string,
> {
  /**
   * Starts the job with the app's own request (`fetch`, axios, a server
   * action) and resolves with the operation id the server answered.
   */
  start: (input: TInput) => Promise<StartedOperation> | StartedOperation;
  /**
   * Remembers the running operation's id under this key in `sessionStorage`,
   * so after a reload the same live operation follows it again (same state,
   * cancel still works). Without a key nothing is remembered.
   */
  key?: string;
  /**
   * Where a keyed operation's id is kept.
   * @default globalThis.sessionStorage, when there is one
   */
  storage?: LiveOperationStorage;
  /** Called once `start` resolved, with the operation id. */
  onStart?: (operationId: string) => void;
  /** Called on every change while the operation is queued or running. */
  onProgress?: (state: LiveOperationState<TResult, TDetails, TStage>) => void;
  /** Called once when the operation succeeded. */
  onComplete?: (
    result: TResult | null,
    state: LiveOperationState<TResult, TDetails, TStage>,
  ) => void;
  /** Called once when `start` threw, the operation failed, or it cannot be found. */
  onError?: (error: Error, state: LiveOperationState<TResult, TDetails, TStage>) => void;
}

/** The part of the Web Storage API a keyed live operation uses (`sessionStorage` has it). */
export interface LiveOperationStorage {
  /** The stored value, or `null`. */
  getItem(key: string): string | null;
  /** Stores `value`. */
  setItem(key: string, value: string): void;
  /** Forgets the value. */
  removeItem(key: string): void;
}

/** The actions of a live operation. Stable: the same functions for its lifetime. */
export interface LiveOperationActions<TInput = void> {
  /**
   * Calls `start(input)` and follows the operation it started. Resolves with
   * the operation id, or `null` when `start` failed (see `error`) or when
   * refused: a second `execute` while one is active is refused, not queued.
   * Never rejects.
   */
  execute: (input: TInput) => Promise<string | null>;
  /**
   * Asks the server to cancel the running operation; called while `start` is
   * in flight, the cancel is sent as soon as the id is known. Resolves when
   * the server accepted (or when nothing runs); rejects with the client's
   * `OpwireError` (`forbidden`, `conflict`, ...) when it refused.
   */
  cancel: (reason?: string) => Promise<void>;
  /**
   * Stops following, forgets a remembered id and returns to the idle state,
   * so `execute` may run again. The operation itself goes on on the server;
   * `cancel` stops it.
   */
  reset: () => void;
}

/** A live operation: an observer of its state, and its actions. */
export interface LiveOperation<
  TResult = unknown,
  TInput = void,
  TDetails = unknown,
  TStage extends string = string,
> extends Observer<LiveOperationState<TResult, TDetails, TStage>>,
    LiveOperationActions<TInput> {
  /** The actions alone, for a framework to hand out. */
  readonly actions: LiveOperationActions<TInput>;
}
