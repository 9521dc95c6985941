import type {
  OperationDetailsOf,
  OperationResultOf,
  OperationSnapshot,
  OperationStageOf,
  OpwireError,
} from '@opwire/protocol';
import type { OperationHandle } from '../operationHandle.js';
import type { OpwireClient } from '../opwireClient.js';
import { createObserverStore, type Observer } from './observerStore.js';
import { IDLE_OPERATION, type OperationState, operationState } from './operationState.js';

/** Options of {@link createOperationObserver}. */
export interface OperationObserverOptions {
  /**
   * How often the time left is computed again between events while the
   * operation runs and someone listens, in milliseconds; `0` only at events.
   * @default 1000
   */
  tickMs?: number;
}

/** The default {@link OperationObserverOptions.tickMs}. */
export const DEFAULT_TICK_MS = 1_000;

const IDLE_OBSERVER: Observer<OperationState<never, never, never>> = {
  getSnapshot: () => IDLE_OPERATION,
  getServerSnapshot: () => IDLE_OPERATION,
  subscribe(listener) {
    listener(IDLE_OPERATION);
    return () => {};
  },
};

/**
 * Follows one operation as an {@link OperationState}: status, percent,
 * stage, message, a time left that counts down between events, failure,
 * result and `isActive`. Creating it touches nothing (safe on a server); the
 * client's handle is taken on the first `subscribe`. Until then the state
 * is what the client's list of running operations holds, or `loading`.
 * `null` gives the idle state and follows nothing.
 *
 * The first type parameter is the operation's definition
 * (`typeof userImport`, imported with `import type`) or its result type.
 *
 * @example
 * const observer = createOperationObserver<typeof userImport>(client, operationId);
 * const stop = observer.subscribe((state) => render(state.percent, state.timeLeftMs));
 */
export function createOperationObserver<
  TOperation = unknown,
  TDetails = OperationDetailsOf<TOperation>,
  TStage extends string = OperationStageOf<TOperation>,
>(
  client: OpwireClient,
  operationId: string | null,
  options: OperationObserverOptions = {},
): Observer<OperationState<OperationResultOf<TOperation>, TDetails, TStage>> {
  type TResult = OperationResultOf<TOperation>;
  type State = OperationState<TResult, TDetails, TStage>;
  type Snapshot = OperationSnapshot<TResult, TDetails>;
  if (operationId === null) return IDLE_OBSERVER as Observer<State>;
  const id = operationId;
  const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
  const build = (
    snapshot: Snapshot | null,
    missing: OpwireError | null,
    timeLeftMs: number | null,
  ) =>
    operationState<TResult, TDetails, TStage>({ operationId: id, snapshot, missing, timeLeftMs });
  const loading = build(null, null, null);
  const known = client.operations.getSnapshot().find((snapshot) => snapshot.id === id);
  let seen: { snapshot: Snapshot | null; missing: OpwireError | null } = {
    snapshot: (known as Snapshot | undefined) ?? null,
    missing: null,
  };

  const store = createObserverStore<State>({
    initial: known === undefined ? loading : build(known as Snapshot, null, null),
    server: loading,
    start() {
      const handle = client.operation(id) as unknown as OperationHandle<TResult, TDetails>;
      let timer: ReturnType<typeof setInterval> | undefined;
      const tick = () => {
        const state = store.getSnapshot();
        const timeLeftMs = handle.timeLeft();
        if (timeLeftMs !== state.timeLeftMs) store.set({ ...state, timeLeftMs });
      };
      const retime = (state: State) => {
        const ticking = tickMs > 0 && state.isActive && state.timeLeftMs !== null;
        if (ticking && timer === undefined) timer = setInterval(tick, tickMs);
        if (!ticking && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
      const stop = handle.subscribe((snapshot) => {
        const missing = handle.error;
        if (snapshot === seen.snapshot && missing === seen.missing && store.isStarted) return;
        seen = { snapshot, missing };
        const next = build(snapshot, missing, handle.timeLeft());
        store.set(next);
        retime(next);
      });
      return () => {
        stop();
        if (timer !== undefined) clearInterval(timer);
        timer = undefined;
      };
    },
  });
  return store;
}
