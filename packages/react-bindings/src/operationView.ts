import type { OperationHandle, OperationSnapshot, OpwireClient, OpwireError } from '@opwire/client';
import { IDLE_OPERATION, type OperationState, operationState } from './operationState.js';
import type { UpdateBatch } from './updateBatch.js';

/** One operation as a store for `useSyncExternalStore`. Internal. */
export interface OperationView<TResult, TDetails> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): OperationState<TResult, TDetails>;
  /** What a server render shows: nothing is asked of the client there. */
  getServerSnapshot(): OperationState<TResult, TDetails>;
}

const IDLE_VIEW: OperationView<never, never> = {
  subscribe: () => () => {},
  getSnapshot: () => IDLE_OPERATION,
  getServerSnapshot: () => IDLE_OPERATION,
};

/**
 * A view of one operation for one hook. Creating it touches nothing: the
 * client's handle is taken on the first `subscribe` (after mount, never on a
 * server), and until then the view shows what the client's list of running
 * operations already holds, or `loading`. Changes reach React through
 * `batch`, so a burst of events renders once. Internal.
 */
export function createOperationView<TResult, TDetails>(
  client: OpwireClient,
  operationId: string | null,
  batch: UpdateBatch,
): OperationView<TResult, TDetails> {
  if (operationId === null) return IDLE_VIEW;
  type Snapshot = OperationSnapshot<TResult, TDetails>;
  const loading = operationState<TResult, TDetails>({
    operationId,
    snapshot: null,
    missing: null,
    timeLeftMs: null,
  });
  const known = client.operations.getSnapshot().find((snapshot) => snapshot.id === operationId);
  let state =
    known === undefined
      ? loading
      : operationState({
          operationId,
          snapshot: known as Snapshot,
          missing: null,
          timeLeftMs: null,
        });
  let handle: OperationHandle<TResult, TDetails> | null = null;
  let seen: { snapshot: Snapshot | null; missing: OpwireError | null } = {
    snapshot: state.snapshot,
    missing: null,
  };

  return {
    subscribe(listener) {
      handle ??= client.operation<TResult, TDetails>(operationId);
      const followed = handle;
      return followed.subscribe((snapshot) => {
        const missing = followed.error;
        if (snapshot === seen.snapshot && missing === seen.missing) return;
        seen = { snapshot, missing };
        state = operationState({ operationId, snapshot, missing, timeLeftMs: followed.timeLeft() });
        batch.notify(listener);
      });
    },
    getSnapshot: () => state,
    getServerSnapshot: () => loading,
  };
}
