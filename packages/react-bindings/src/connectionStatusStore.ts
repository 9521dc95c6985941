import type { ConnectionStatus, OpwireClient } from '@opwire/client';

/** The connection status as the hooks show it: a store for `useSyncExternalStore`. Internal. */
export interface ConnectionStatusStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConnectionStatus;
}

/**
 * The client's status, except that a drop shorter than `lostAfterMs` is not
 * shown: while the client is `reconnecting` after having been `connected`,
 * the store keeps saying `connected` until `lostAfterMs` have passed. Every
 * other change (`unauthorized`, `disconnected`, which are final, and
 * `connected`) shows at once. With `connectsOnMount`, a client that is still
 * `disconnected` before the first subscription (the provider connects it
 * once mounted) shows as `connecting`, so the first render does not flash
 * `disconnected`. Internal.
 */
export function createConnectionStatusStore(
  client: OpwireClient,
  lostAfterMs: number,
  connectsOnMount = false,
): ConnectionStatusStore {
  const listeners = new Set<() => void>();
  let shown: ConnectionStatus =
    connectsOnMount && client.status === 'disconnected' ? 'connecting' : client.status;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stop: (() => void) | null = null;

  function show(status: ConnectionStatus): void {
    if (status === shown) return;
    shown = status;
    for (const listener of [...listeners]) listener();
  }

  function clearTimer(): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
  }

  function onStatus(status: ConnectionStatus): void {
    const shortDrop = status === 'reconnecting' && (shown === 'connected' || timer !== undefined);
    if (shortDrop && lostAfterMs > 0) {
      timer ??= setTimeout(() => {
        timer = undefined;
        show(client.status);
      }, lostAfterMs);
      return;
    }
    clearTimer();
    show(status);
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (stop === null) {
        stop = client.onStatusChange(({ status }) => onStatus(status));
        onStatus(client.status);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || stop === null) return;
        stop();
        stop = null;
        clearTimer();
      };
    },
    getSnapshot: () => shown,
  };
}
