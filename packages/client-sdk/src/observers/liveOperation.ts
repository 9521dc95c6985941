import {
  type OperationDetailsOf,
  type OperationResultOf,
  type OperationStageOf,
  OpwireError,
} from '@opwire/protocol';
import type { OpwireClient } from '../opwireClient.js';
import { createLiveOperationMemory } from './liveOperationMemory.js';
import type {
  LiveOperation,
  LiveOperationActions,
  LiveOperationOptions,
  LiveOperationState,
  StartedOperation,
} from './liveOperationTypes.js';
import { createObserverStore, type Observer } from './observerStore.js';
import { createOperationObserver, type OperationObserverOptions } from './operationObserver.js';
import { IDLE_OPERATION, type OperationState } from './operationState.js';

const IDLE: LiveOperationState<never, never, never> = IDLE_OPERATION;
const STARTING: LiveOperationState<never, never, never> = Object.freeze({
  ...IDLE_OPERATION,
  status: 'starting',
  isActive: true,
});

interface PendingCancel {
  reason: string | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * One operation at a time, started by the page: `execute(input)` calls the
 * app's `start` (its own HTTP request, which answers `{ operationId }`),
 * then follows that operation; `cancel` works while `start` is still in
 * flight; `reset` returns to idle. With a `key`, the running id is kept in
 * `sessionStorage`, so after a reload a live operation made with the same
 * key follows it again, to its end and after it (until `reset` or the next
 * `execute`). Each callback fires once per change.
 *
 * `options` is a function so a framework can hand in its latest callbacks;
 * `key` and `storage` are read once.
 *
 * @example
 * const upload = createLiveOperation<typeof userImport, File>(client, () => ({
 *   key: 'user-import',
 *   start: async (file) => (await fetch('/api/imports', { method: 'POST', body: file })).json(),
 * }));
 * upload.subscribe((state) => render(state.status, state.percent));
 * await upload.execute(file);
 */
export function createLiveOperation<
  TOperation = unknown,
  TInput = void,
  TDetails = OperationDetailsOf<TOperation>,
  TStage extends string = OperationStageOf<TOperation>,
>(
  client: OpwireClient,
  options: () => LiveOperationOptions<OperationResultOf<TOperation>, TInput, TDetails, TStage>,
  observerOptions: OperationObserverOptions = {},
): LiveOperation<OperationResultOf<TOperation>, TInput, TDetails, TStage> {
  type TResult = OperationResultOf<TOperation>;
  type State = LiveOperationState<TResult, TDetails, TStage>;
  const initial = options();
  const memory = createLiveOperationMemory(initial.key, initial.storage);
  let run = 0;
  let followed: Observer<OperationState<TResult, TDetails, TStage>> | null = null;
  let detach: (() => void) | null = null;
  let settled = false;
  let pendingCancel: PendingCancel | null = null;
  /** An operation taken back after a reload that had ended already is not news. */
  let adoptedEnd = false;
  let lastSeen: OperationState<TResult, TDetails, TStage> | null = null;

  const store = createObserverStore<State>({
    initial: IDLE,
    server: IDLE,
    start() {
      attach();
      return () => {
        detach?.();
        detach = null;
      };
    },
  });

  function attach(): void {
    if (detach !== null || followed === null) return;
    const observer = followed;
    detach = observer.subscribe((state) => {
      if (observer === followed) onOperation(state);
    });
  }

  function follow(operationId: string, adopted: boolean): void {
    detach?.();
    detach = null;
    followed = createOperationObserver(client, operationId, observerOptions) as Observer<
      OperationState<TResult, TDetails, TStage>
    >;
    settled = false;
    adoptedEnd = adopted;
    lastSeen = followed.getSnapshot();
    store.set(liveState(lastSeen));
    if (store.isStarted) attach();
  }

  function stopFollowing(): void {
    detach?.();
    detach = null;
    followed = null;
  }

  function onOperation(operation: OperationState<TResult, TDetails, TStage>): void {
    if (operation === lastSeen) return;
    lastSeen = operation;
    const next = liveState(operation);
    store.set(next);
    if (operation.error?.code === 'not_found') memory.forget();
    if (adoptedEnd && operation.snapshot !== null) {
      adoptedEnd = false;
      if (!next.isActive) settled = true;
    }
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
    if (store.getSnapshot().isActive) return null;
    stopFollowing();
    memory.forget();
    const current = ++run;
    settled = false;
    store.set(STARTING);
    let operationId: string;
    try {
      operationId = startedId(await options().start(input));
    } catch (thrown) {
      if (current !== run) return null;
      const error = thrown instanceof Error ? thrown : OpwireError.from(thrown);
      const failed: State = { ...IDLE, status: 'failed', error };
      store.set(failed);
      settleCancel(null);
      settled = true;
      options().onError?.(error, failed);
      return null;
    }
    if (current !== run) return operationId;
    memory.remember(operationId);
    follow(operationId, false);
    options().onStart?.(operationId);
    settleCancel((reason) => cancelOperation(operationId, reason));
    return operationId;
  }

  function cancelOperation(operationId: string, reason: string | undefined): Promise<void> {
    return client.operation(operationId).cancel(reason);
  }

  const actions: LiveOperationActions<TInput> = {
    execute,
    cancel(reason) {
      const state = store.getSnapshot();
      if (state.status === 'starting') {
        settleCancel(null);
        return new Promise((resolve, reject) => {
          pendingCancel = { reason, resolve, reject };
        });
      }
      if (state.operationId !== null && state.isActive)
        return cancelOperation(state.operationId, reason);
      return Promise.resolve();
    },
    reset() {
      run += 1;
      stopFollowing();
      memory.forget();
      settleCancel(null);
      settled = false;
      store.set(IDLE);
    },
  };

  const remembered = memory.recall();
  if (remembered !== null) follow(remembered, true);

  return {
    getSnapshot: store.getSnapshot,
    getServerSnapshot: store.getServerSnapshot,
    subscribe: store.subscribe,
    ...actions,
    actions,
  };
}

/** Active from `execute()` (or a remembered id) until the operation ends or cannot be followed. */
function liveState<TResult, TDetails, TStage extends string>(
  base: OperationState<TResult, TDetails, TStage>,
): LiveOperationState<TResult, TDetails, TStage> {
  const ended = base.snapshot !== null && !base.isActive;
  return { ...base, isActive: base.error === null && !ended };
}

function startedId(started: StartedOperation): string {
  const operationId: unknown = (started as Partial<StartedOperation> | null)?.operationId;
  if (typeof operationId !== 'string' || operationId.length === 0) {
    throw new OpwireError(
      'invalid_request',
      "A live operation's `start` must resolve with { operationId }, the id from the server's 202 answer.",
    );
  }
  return operationId;
}
