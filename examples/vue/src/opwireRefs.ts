// Vue bindings for @opwire/client in a few lines: a handle is a store
// (`subscribe` calls back with the current value at once and on every change),
// so a shallowRef kept current by `subscribe` is all Vue needs.
import type { ConnectionStatus, OperationSnapshot, OpwireClient } from '@opwire/client';
import { onScopeDispose, type Ref, shallowRef, watchEffect } from 'vue';

/** The live snapshot of one operation; follows `id` when it changes. */
export function useOperation<TResult = unknown, TDetails = unknown>(
  client: OpwireClient,
  id: Ref<string | null>,
): Ref<OperationSnapshot<TResult, TDetails> | null> {
  const snapshot = shallowRef<OperationSnapshot<TResult, TDetails> | null>(null);
  watchEffect((onCleanup) => {
    snapshot.value = null;
    if (id.value === null) return;
    const handle = client.operation<TResult, TDetails>(id.value);
    onCleanup(handle.subscribe((value) => (snapshot.value = value)));
  });
  return snapshot;
}

/** The connection status as a ref. */
export function useConnectionStatus(client: OpwireClient): Ref<ConnectionStatus> {
  const status = shallowRef(client.status);
  onScopeDispose(client.onStatusChange((change) => (status.value = change.status)));
  return status;
}
