import {
  type OperationHandle,
  type OperationSnapshot,
  type OpwireClient,
  OpwireError,
} from '@opwire/client';
import type {
  LiveOperationActions,
  LiveOperationOptions,
  LiveOperationState,
  StartedOperation,
} from './liveOperationTypes.js';
import { IDLE_OPERATION, type OperationState, operationState } from './operationState.js';
import type { UpdateBatch } from './updateBatch.js';

/** The store and actions behind one `useLiveOperation`. Internal. */
export interface LiveOperationController<TResult, TInput, TDetails> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): LiveOperationState<TResult, TDetails>;
  getServerSnapshot(): LiveOperationState<TResult, TDetails>;
  readonly actions: LiveOperationActions<TInput>;
}

const IDLE: LiveOperationState<never, never> = IDLE_OPERATION;
const STARTING: LiveOperationState<never, never> = Object.freeze({
  ...IDLE_OPERATION,
  status: 'starting',
  isRunning: true,
});

interface PendingCancel {
  reason: string | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Runs one operation at a time for a component: `start` (the app's request),
 * then the client's handle for the id it returned. The handle is subscribed
 * only while React is subscribed (so StrictMode's extra mount leaves one
 * subscription), and each callback fires once per change, never again for a
 * snapshot already seen. Internal.
 */
export function createLiveOperationController<TResult, TInput, TDetails>(
  client: OpwireClient,
  batch: UpdateBatch,
  options: () => LiveOperationOptions<TResult, TInput, TDetails>,
): LiveOperationController<TResult, TInput, TDetails> {
  type State = LiveOperationState<TResult, TDetails>;
  type Snapshot = OperationSnapshot<TResult, TDetails>;
  const listeners = new Set<() => void>();
  let state: State = IDLE;
  let run = 0;
  let handle: OperationHandle<TResult, TDetails> | null = null;
  let detach: (() => void) | null = null;
  let seen: { snapshot: Snapshot | null; missing: OpwireError | null } | null = null;
  let settled = false;
  let pendingCancel: PendingCancel | null = null;

  function setState(next: State, immediate: boolean): void {
    state = next;
    for (const listener of listeners) {
      if (immediate) listener();
      else batch.notify(listener);
    }
  }

  function attach(): void {
    if (detach !== null || handle === null || listeners.size === 0) return;
    const followed = handle;
    detach = followed.subscribe((snapshot) => onSnapshot(followed, snapshot));
  }

  function stopFollowing(): void {
    detach?.();
    detach = null;
    handle = null;
    seen = null;
  }

  function onSnapshot(followed: OperationHandle<TResult, TDetails>, snapshot: Snapshot | null) {
    if (followed !== handle) return;
    const missing = followed.error;
    if (seen !== null && seen.snapshot === snapshot && seen.missing === missing) return;
    seen = { snapshot, missing };
    const next = liveState(
      operationState({
        operationId: followed.id,
        snapshot,
        missing,
        timeLeftMs: followed.timeLeft(),
      }),
    );
    setState(next, false);
    report(next);
  }

  function report(next: State): void {
    if (settled) return;
    const callbacks = options();
    if (next.status === 'succeeded') {
      settled = true;
      callbacks.onComplete?.(next.result, next);
    } else if (next.error !== null) {
      settled = true;
      callbacks.onError?.(next.error, next);
    } else if (next.status === 'cancelled') {
      settled = true;
    } else if (next.snapshot !== null) {
      callbacks.onProgress?.(next);
    }
  }

  function settleCancel(send: ((reason: string | undefined) => Promise<void>) | null): void {
    const pending = pendingCancel;
    pendingCancel = null;
    if (pending === null) return;
    if (send === null) pending.resolve();
    else send(pending.reason).then(pending.resolve, pending.reject);
  }

  async function execute(input: TInput): Promise<string | null> {
    if (state.isRunning) return null;
    stopFollowing();
    const current = ++run;
    settled = false;
    setState(STARTING, true);
    let operationId: string;
    try {
      operationId = startedId(await options().start(input));
    } catch (thrown) {
      if (current !== run) return null;
      const error = thrown instanceof Error ? thrown : OpwireError.from(thrown);
      const failed: State = { ...IDLE, status: 'failed', error };
      setState(failed, true);
      settleCancel(null);
      settled = true;
      options().onError?.(error, failed);
      return null;
    }
    if (current !== run) return operationId;
    const followed = client.operation<TResult, TDetails>(operationId);
    handle = followed;
    setState(
      liveState(operationState({ operationId, snapshot: null, missing: null, timeLeftMs: null })),
      true,
    );
    options().onStart?.(operationId);
    attach();
    settleCancel((reason) => followed.cancel(reason));
    return operationId;
  }

  const actions: LiveOperationActions<TInput> = {
    execute,
    cancel(reason) {
      if (state.status === 'starting') {
        settleCancel(null);
        return new Promise((resolve, reject) => {
          pendingCancel = { reason, resolve, reject };
        });
      }
      if (handle !== null && state.isRunning) return handle.cancel(reason);
      return Promise.resolve();
    },
    reset() {
      run += 1;
      stopFollowing();
      settleCancel(null);
      settled = false;
      setState(IDLE, true);
    },
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      attach();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        detach?.();
        detach = null;
      };
    },
    getSnapshot: () => state,
    getServerSnapshot: () => IDLE,
    actions,
  };
}

/** Running from `execute()` until the operation ends or cannot be followed. */
function liveState<TResult, TDetails>(
  base: OperationState<TResult, TDetails>,
): LiveOperationState<TResult, TDetails> {
  const ended = base.snapshot !== null && !base.isRunning;
  return { ...base, isRunning: base.error === null && !ended };
}

function startedId(started: StartedOperation): string {
  const operationId: unknown = (started as Partial<StartedOperation> | null)?.operationId;
  if (typeof operationId !== 'string' || operationId.length === 0) {
    throw new OpwireError(
      'invalid_request',
      "useLiveOperation: `start` must resolve with { operationId }, the id from the server's 202 answer.",
    );
  }
  return operationId;
}
