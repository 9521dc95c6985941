import type { ConnectionStatus } from '../connectionStatus.js';
import type { OpwireClient } from '../opwireClient.js';
import { createObserverStore, type Observer } from './observerStore.js';

/** Options of {@link createConnectionStatusObserver}. */
export interface ConnectionStatusOptions {
  /**
   * How long the connection may be lost (the client `reconnecting`) before
   * the observer says so. A shorter drop keeps showing `connected`, so a
   * brief network hiccup or a server restart does not flash an offline
   * banner. `0` shows every drop at once.
   * @default 3000
   */
  lostAfterMs?: number;
  /**
   * The client is connected by its owner as soon as someone listens (a
   * framework's provider once mounted): until then `disconnected` shows as
   * `connecting`, so a first render does not flash `disconnected`.
   * @default false
   */
  connectsOnMount?: boolean;
}

/** What {@link createConnectionStatusObserver} shows. */
export interface ConnectionState {
  /** The client's status, with drops shorter than `lostAfterMs` hidden; `connecting` on a server. */
  status: ConnectionStatus;
  /** `status === 'connected'`. */
  isConnected: boolean;
}

/** The default `lostAfterMs`: more than Socket.IO's first reconnection delay (1 s ± 50 %) plus a handshake. */
export const DEFAULT_LOST_AFTER_MS = 3_000;

const STATES: Readonly<Record<ConnectionStatus, ConnectionState>> = {
  connecting: Object.freeze({ status: 'connecting', isConnected: false }),
  connected: Object.freeze({ status: 'connected', isConnected: true }),
  reconnecting: Object.freeze({ status: 'reconnecting', isConnected: false }),
  disconnected: Object.freeze({ status: 'disconnected', isConnected: false }),
  unauthorized: Object.freeze({ status: 'unauthorized', isConnected: false }),
};

/**
 * The client's connection status, except that a drop shorter than
 * `lostAfterMs` is not shown: while the client is `reconnecting` after
 * having been `connected`, the observer keeps saying `connected` until
 * `lostAfterMs` have passed. Every other change (`unauthorized`,
 * `disconnected`, which are final, and `connected`) shows at once.
 *
 * @example
 * createConnectionStatusObserver(client, { lostAfterMs: 5_000 }).subscribe(({ status }) => banner(status));
 */
export function createConnectionStatusObserver(
  client: OpwireClient,
  options: ConnectionStatusOptions = {},
): Observer<ConnectionState> {
  const lostAfterMs = options.lostAfterMs ?? DEFAULT_LOST_AFTER_MS;
  const initial =
    options.connectsOnMount === true && client.status === 'disconnected'
      ? 'connecting'
      : client.status;
  const store = createObserverStore<ConnectionState>({
    initial: STATES[initial],
    server: STATES.connecting,
    start() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const clearTimer = () => {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
      };
      const onStatus = (status: ConnectionStatus) => {
        const shown = store.getSnapshot().status;
        const shortDrop =
          status === 'reconnecting' && (shown === 'connected' || timer !== undefined);
        if (shortDrop && lostAfterMs > 0) {
          timer ??= setTimeout(() => {
            timer = undefined;
            store.set(STATES[client.status]);
          }, lostAfterMs);
          return;
        }
        clearTimer();
        store.set(STATES[status]);
      };
      const stop = client.onStatusChange(({ status }) => onStatus(status));
      onStatus(client.status);
      return () => {
        stop();
        clearTimer();
      };
    },
  });
  return store;
}
