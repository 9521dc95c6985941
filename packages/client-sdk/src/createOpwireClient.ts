import {
  envelopeOfEvent,
  isTerminalStatus,
  type OperationSnapshot,
  OpwireError,
  SOCKET_EVENTS,
  type TableRefreshPayload,
  type ToastPayload,
} from '@opwire/protocol';
import { createConnection } from './connection.js';
import { createListenerSet } from './listenerSet.js';
import { routeMessage, routeOperationFrame } from './messageRouter.js';
import { createOperationHandle, type OperationHandle } from './operationHandle.js';
import { completionTableRefresh, lifecycleToast } from './operationLifecycle.js';
import { type OperationRequests, socketRequests } from './operationRequests.js';
import type { OperationChange, OperationSource } from './operationSource.js';
import { createOperationStore } from './operationStore.js';
import { type OpwireClientInit, resolveOptions } from './options.js';
import type { OpwireClient, OpwireClientDebugInfo } from './opwireClient.js';
import { createRoomRegistry } from './roomRegistry.js';
import { createSubscriptionRegistry } from './subscriptionRegistry.js';
import { createTableRefreshRouter } from './tableRefreshRouter.js';

/**
 * Creates an opwire client: one Socket.IO connection with wildcard
 * subscriptions, rooms, live operation handles that resume after reconnects,
 * toasts and table refreshes. Safe to import where there is no `window`
 * (server-side rendering); it touches nothing until it is called.
 *
 * @example
 * const client = createOpwireClient({ url: 'https://api.example.com', token: () => auth.getToken() });
 * const op = client.operation(operationId);
 * op.subscribe((snapshot) => render(snapshot?.percent));
 * const result = await op.done;
 */
export function createOpwireClient(init: OpwireClientInit = {}): OpwireClient {
  const options = resolveOptions(init);

  // Where errors, toasts, ends, messages and table refreshes go.
  const errorListeners = createListenerSet<OpwireError>((error) =>
    console.error('[opwire]', error),
  );
  const reportError = (error: unknown): void => {
    const wrapped = OpwireError.from(error);
    if (errorListeners.size === 0) console.error('[opwire]', wrapped);
    else errorListeners.emit(wrapped);
  };
  const toastListeners = createListenerSet<ToastPayload>(reportError);
  const endListeners = createListenerSet<OperationSnapshot>(reportError);
  const subscriptions = createSubscriptionRegistry(reportError);
  const tables = createTableRefreshRouter(reportError);

  // The socket, the rooms joined over it, and the HTTP fallback beside it.
  const connection = createConnection(options, reportError);
  const rooms = createRoomRegistry(
    {
      join: (room) => connection.request(SOCKET_EVENTS.join, { room }),
      leave: (room) => connection.request(SOCKET_EVENTS.leave, { room }),
      isConnected: () => connection.status === 'connected',
    },
    reportError,
  );
  const fallback =
    options.pollingFallback?.create({
      url: options.url,
      apiPath: options.apiPath,
      token: options.token,
      timeoutMs: options.requestTimeoutMs,
      rooms: () => rooms.joined(),
      onError: reportError,
    }) ?? null;
  const overSocket = socketRequests(connection);
  /** The HTTP API while the fallback polls and the socket is down; the socket otherwise. */
  const requests = (): OperationRequests =>
    fallback?.polling.active && connection.status !== 'connected' ? fallback.api : overSocket;

  // The operations followed, fed by the socket or, while it is down, by HTTP.
  const source: OperationSource = {
    get: (id) => requests().getOperation(id),
    resume: (positions) => connection.request(SOCKET_EVENTS.resume, { operations: positions }),
  };
  const store = createOperationStore({
    source,
    currentEpoch: () => connection.hello?.epoch ?? null,
    isConnected: () => connection.status === 'connected',
    onChange(change: OperationChange) {
      for (const event of change.events) subscriptions.dispatch(envelopeOfEvent(event));
      if (options.operationToasts) {
        const toast = lifecycleToast(change);
        if (toast !== null) toastListeners.emit(toast);
      }
      const refresh: TableRefreshPayload | null = completionTableRefresh(change);
      if (refresh !== null) tables.dispatch(refresh, null);
      const ended = isTerminalStatus(change.snapshot.status);
      if (ended && (change.previous === null || !isTerminalStatus(change.previous.status)))
        endListeners.emit(change.snapshot);
    },
    onError: reportError,
  });

  // What the connection hears, now that every part it feeds exists.
  let serverRooms: string[] = [];
  connection.listen({
    onConnected() {
      fallback?.polling.stop();
      void rooms.rejoinAll();
      void store.resumeAll();
    },
    onHello(hello) {
      serverRooms = [...hello.rooms];
    },
    onResync() {
      void store.resumeAll();
    },
    onMessage(raw) {
      routeMessage(raw, {
        applyOperationEvent: store.applyEvent,
        dispatch: subscriptions.dispatch,
        // A toast or refresh with an `operationId` is one a server of protocol version 1 sent
        // for an operation's end; the client makes its own from the operation's events.
        toast(toast) {
          if (toast.operationId === undefined) toastListeners.emit(toast);
        },
        tableRefresh(payload, message) {
          if (payload.operationId === undefined) tables.dispatch(payload, message);
        },
        onError: reportError,
      });
    },
    onOperationFrame(frame) {
      routeOperationFrame(frame, {
        applyOperationEvent: store.applyEvent,
        onError: reportError,
      });
    },
    onAttemptFailed() {
      fallback?.polling.start(store);
    },
    onReauthenticated(socketRooms) {
      for (const room of rooms.retainOnly(socketRooms)) {
        reportError(
          new OpwireError(
            'forbidden',
            `Room "${room}" was left by the server after re-authentication: the new credentials do not allow it.`,
            { details: { room } },
          ),
        );
      }
      const joined = new Set(rooms.joined());
      serverRooms = socketRooms.filter((room) => !joined.has(room));
    },
  });
  connection.onStatusChange(({ status }) => {
    if (status === 'unauthorized' || status === 'disconnected') fallback?.polling.stop();
  });

  const cancel = (id: string, reason?: string) => requests().cancelOperation(id, reason);

  const handleContext = { store, cancel, serverNow: connection.serverNow };

  function debugInfo(): OpwireClientDebugInfo {
    return {
      status: connection.status,
      principal: connection.hello?.principal ?? null,
      epoch: connection.hello?.epoch ?? null,
      serverRooms: [...serverRooms],
      joinedRooms: rooms.joined(),
      subscriptions: subscriptions.list(),
      tableRefreshTables: tables.tables,
      operations: [...store.entries()].map((entry) => ({
        id: entry.id,
        status: entry.snapshot?.status ?? null,
        seq: entry.snapshot?.seq ?? 0,
        epoch: entry.epoch,
        percent: entry.snapshot?.percent ?? null,
        state: entry.state,
        stateReason: entry.stateReason,
        listeners: entry.listeners.size,
        pending: entry.pending.length,
        error: entry.error?.code ?? null,
      })),
      polling: fallback?.polling.active ?? false,
    };
  }

  const client: OpwireClient = {
    get status() {
      return connection.status;
    },
    get principal() {
      return connection.hello?.principal ?? null;
    },
    onStatusChange: connection.onStatusChange,
    connect: connection.connect,
    close() {
      fallback?.polling.stop();
      connection.close();
      store.rejectPending(
        new OpwireError(
          'closed',
          'The client was closed before the operation ended; call connect() and read `done` again to keep waiting.',
        ),
      );
    },
    subscribe: (pattern, handler) =>
      subscriptions.subscribe(pattern, handler as Parameters<typeof subscriptions.subscribe>[1]),
    join: rooms.join,
    leave: rooms.leave,
    operation(id: string) {
      if (typeof id !== 'string' || id.length === 0) {
        throw new OpwireError(
          'invalid_request',
          'operation(id) needs the operation id the server returned, a non-empty string.',
        );
      }
      const entry = store.follow(id);
      entry.handle ??= createOperationHandle(entry, handleContext);
      return entry.handle as OperationHandle<never, never>;
    },
    operations: {
      async active() {
        const { epoch, operations } = await requests().listOperations('active');
        for (const snapshot of operations) store.applySnapshot(snapshot, epoch);
        // What the store holds wins: an operation listed while it ran may have ended since.
        const current = new Map(store.activeSnapshot().map((snapshot) => [snapshot.id, snapshot]));
        return operations.flatMap((snapshot) => {
          const held = current.get(snapshot.id);
          return held === undefined ? [] : [held];
        });
      },
      async ended() {
        const { operations } = await requests().listOperations('all');
        return operations.filter((snapshot) => isTerminalStatus(snapshot.status));
      },
      onEnded: endListeners.add,
      getSnapshot: store.activeSnapshot,
      subscribe: store.subscribeActive,
    },
    onTableRefresh: tables.on,
    onToast: toastListeners.add,
    onError: errorListeners.add,
    serverNow: connection.serverNow,
    debug: debugInfo,
  };

  if (options.autoConnect) connection.connect();
  return client;
}
