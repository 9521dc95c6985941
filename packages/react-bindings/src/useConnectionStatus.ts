import type { ConnectionStatus } from '@opwire/client';
import { useMemo, useSyncExternalStore } from 'react';
import { createConnectionStatusStore } from './connectionStatusStore.js';
import { useOpwireContext } from './opwireContext.js';

/** Options of {@link useConnectionStatus}. */
export interface ConnectionStatusOptions {
  /**
   * How long the connection may be lost (the client `reconnecting`) before
   * the hook says so. A shorter drop keeps showing `connected`, so a brief
   * network hiccup or a server restart does not flash an offline banner.
   * `0` shows every drop at once.
   * @default 3000
   */
  lostAfterMs?: number;
}

/** What {@link useConnectionStatus} returns. */
export interface ConnectionState {
  /**
   * The client's status, with drops shorter than `lostAfterMs` hidden.
   * `connecting` during server rendering.
   */
  status: ConnectionStatus;
  /** `status === 'connected'`. */
  isConnected: boolean;
}

/** The default `lostAfterMs`: more than Socket.IO's first reconnection delay (1 s ± 50 %) plus a handshake. */
export const DEFAULT_LOST_AFTER_MS = 3_000;

const STATES: Readonly<Record<ConnectionStatus, ConnectionState>> = {
  connecting: { status: 'connecting', isConnected: false },
  connected: { status: 'connected', isConnected: true },
  reconnecting: { status: 'reconnecting', isConnected: false },
  disconnected: { status: 'disconnected', isConnected: false },
  unauthorized: { status: 'unauthorized', isConnected: false },
};

const serverStatus = (): ConnectionStatus => 'connecting';

/**
 * The connection status of the provider's client, re-rendering only when the
 * shown status changes.
 *
 * @example
 * const { status, isConnected } = useConnectionStatus({ lostAfterMs: 5_000 });
 * if (status === 'unauthorized') return <SignInAgain />;
 * return isConnected ? null : <Banner>Reconnecting…</Banner>;
 */
export function useConnectionStatus(options: ConnectionStatusOptions = {}): ConnectionState {
  const { client, connectsOnMount } = useOpwireContext('useConnectionStatus()');
  const lostAfterMs = options.lostAfterMs ?? DEFAULT_LOST_AFTER_MS;
  const store = useMemo(
    () => createConnectionStatusStore(client, lostAfterMs, connectsOnMount),
    [client, lostAfterMs, connectsOnMount],
  );
  const status = useSyncExternalStore(store.subscribe, store.getSnapshot, serverStatus);
  return STATES[status];
}
