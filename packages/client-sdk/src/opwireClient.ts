import type {
  OperationDetailsOf,
  OperationResultOf,
  OperationSnapshot,
  OperationStatus,
  OpwireError,
  OpwireErrorCode,
  Principal,
  ToastPayload,
} from '@opwire/protocol';
import type { StatusChangeEvent } from './connection.js';
import type { ConnectionStatus } from './connectionStatus.js';
import type { Unsubscribe } from './listenerSet.js';
import type { EntryState } from './operationEntryState.js';
import type { OperationHandle } from './operationHandle.js';
import type { MessageHandler, SubscriptionInfo } from './subscriptionRegistry.js';
import type { TableRefreshHandler } from './tableRefreshRouter.js';

/** Receives explicit toasts from the server and, unless disabled, operation lifecycle toasts. */
export type ToastHandler = (toast: ToastPayload) => void;

/** Receives errors the client met that no promise could carry. */
export type ErrorHandler = (error: OpwireError) => void;

/**
 * Every operation the client knows to be running, as a store: `getSnapshot`
 * and `subscribe` bind to `useSyncExternalStore`, and `subscribe` alone is a
 * Svelte store.
 */
export interface OperationsView {
  /**
   * Asks the server for every operation this principal may see that is still
   * running (after a page reload, say), starts following them and resolves
   * with their snapshots as the client holds them; one the client saw end
   * after the server read the list is left out.
   */
  active(): Promise<OperationSnapshot[]>;
  /**
   * Asks the server for operations this principal may see that ended
   * (succeeded, failed or cancelled) and that its store still holds, newest
   * first; the client does not start following them.
   */
  ended(): Promise<OperationSnapshot[]>;
  /** Calls `listener` with the final snapshot each time the client sees an operation end. */
  onEnded(listener: (snapshot: OperationSnapshot) => void): Unsubscribe;
  /** Running operations the client follows, oldest first; the same array until one changes. */
  getSnapshot(): readonly OperationSnapshot[];
  /** Calls `listener` now and after every change; returns the function that stops it. */
  subscribe(listener: (operations: readonly OperationSnapshot[]) => void): Unsubscribe;
}

/** One followed operation, as `debug()` shows it. */
export interface OperationDebugInfo {
  /** The operation's id. */
  id: string;
  /** Its status, or `null` before the first snapshot arrived. */
  status: OperationStatus | null;
  /** The last `seq` applied; 0 before the first snapshot. */
  seq: number;
  /** The epoch that `seq` counts in, or `null` before the first snapshot. */
  epoch: string | null;
  /** Its percent, or `null` before the first snapshot. */
  percent: number | null;
  /** Where the client stands with it: `loading`, `following`, `catchingUp`, `ended`, `missing` or `released`. */
  state: EntryState;
  /** Why it is in that state. */
  stateReason: string;
  /** Listeners subscribed to its changes. */
  listeners: number;
  /** Events held back until a gap is filled. */
  pending: number;
  /** Why the client cannot follow it (`not_found`, ...), or `null`. */
  error: OpwireErrorCode | null;
}

/** What `debug()` returns: the client's state at a glance. */
export interface OpwireClientDebugInfo {
  /** The connection status. */
  status: ConnectionStatus;
  /** Who the server says this client is, from its hello; `null` before it or when anonymous. */
  principal: Principal | null;
  /** The server store's epoch from the latest hello, or `null` before the first. */
  epoch: string | null;
  /** Rooms the server placed the socket in (user, tenant, roles). */
  serverRooms: string[];
  /** Rooms joined with `join()`, re-joined after every reconnect. */
  joinedRooms: string[];
  /** Topic patterns subscribed to, with their handler counts. */
  subscriptions: SubscriptionInfo[];
  /** Tables with `onTableRefresh` handlers. */
  tableRefreshTables: string[];
  /** Every operation the client holds. */
  operations: OperationDebugInfo[];
  /** Whether the HTTP polling fallback is running. */
  polling: boolean;
}

/** The client `createOpwireClient` returns. */
export interface OpwireClient {
  /** The connection status; the snapshot half of `onStatusChange`. */
  readonly status: ConnectionStatus;
  /** Who the server says this client is, from its hello; `null` before or when anonymous. */
  readonly principal: Principal | null;
  /** Calls `listener` on every status change; returns the function that stops it. */
  onStatusChange(listener: (event: StatusChangeEvent) => void): Unsubscribe;
  /** Connects, or reconnects after `close()` or `unauthorized`; the token is read again. */
  connect(): void;
  /** Disconnects and stops reconnecting; pending `done` promises reject with `closed`. */
  close(): void;
  /**
   * Calls `handler(payload, message)` for every message whose topic matches
   * `pattern` (`*` one segment, `**` any number). Throws `invalid_request`
   * for an invalid pattern.
   */
  subscribe<TPayload = unknown>(pattern: string, handler: MessageHandler<TPayload>): Unsubscribe;
  /** Joins a custom room; rejects with `forbidden`, `rate_limited`, ... when refused. */
  join(room: string): Promise<void>;
  /** Leaves a room joined with `join()`; it is no longer re-joined. */
  leave(room: string): Promise<void>;
  /**
   * A live handle on one operation; the current snapshot is fetched when it
   * is new. The type parameter is the server's definition
   * (`client.operation<typeof userImport>(id)`, imported with `import type`)
   * or the result type itself (`client.operation<ImportResult, ImportDetails>(id)`).
   */
  operation<TOperation = unknown, TDetails = OperationDetailsOf<TOperation>>(
    id: string,
  ): OperationHandle<OperationResultOf<TOperation>, TDetails>;
  /** Every running operation the client knows of, as a store; `active()` asks the server. */
  readonly operations: OperationsView;
  /** Calls `handler` when the server (or an operation's success) says `table` should reload. */
  onTableRefresh(table: string, handler: TableRefreshHandler): Unsubscribe;
  /** Calls `handler` for every toast; returns the function that stops it. */
  onToast(handler: ToastHandler): Unsubscribe;
  /**
   * Errors without a promise to reject: a throwing handler, a room refused on
   * re-join, refused credentials, a malformed message. Without any listener
   * they go to `console.error`.
   */
  onError(handler: ErrorHandler): Unsubscribe;
  /** The server's clock, as this client estimates it: milliseconds since the Unix epoch. */
  serverNow(): number;
  /** Status, principal, rooms, subscriptions and followed operations with their `seq`, at a glance. */
  debug(): OpwireClientDebugInfo;
}
