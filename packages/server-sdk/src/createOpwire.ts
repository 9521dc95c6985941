import { encodeOperationEvent, OpwireError, SOCKET_EVENTS } from '@opwire/protocol';
import type { EventEmitter } from 'eventemitter3';
import type { Server as SocketIOServer } from 'socket.io';
import { createCore } from './core.js';
import {
  authenticateRequest,
  type CredentialCarrier,
  type RequestAuthentication,
} from './http/authenticateRequest.js';
import { createHttpHandler, type OpwireHttpHandler } from './http/httpHandler.js';
import type { OpwireServerEvents } from './lifecycleEvents.js';
import type { EventSchemas, inferEvents, UntypedEvents } from './messaging/defineEvents.js';
import type { Delivery } from './messaging/delivery.js';
import type { Messenger } from './messaging/messenger.js';
import type { OperationsApi } from './operations/operationsApi.js';
import { defaults, lifecycleOptions, type OpwireOptions, resolveLimits } from './options.js';
import { RoomPolicies } from './rooms/roomPolicies.js';
import type { ServerContext } from './serverContext.js';
import { attachSocketServer } from './socket/attach.js';
import { disconnectAndClose } from './socket/closeEngine.js';
import { installHandshakeCheck, setUpSocket } from './socket/connection.js';
import { expireSession } from './socket/expireSession.js';
import { ExpirySchedule } from './socket/expirySchedule.js';
import { installEngineOriginGuard } from './socket/originGuard.js';
import { startSlowReaderSweep } from './socket/slowReaders.js';
import type { OpwireStats } from './stats/serverStats.js';
import { memoryStore } from './store/memoryStore.js';

/** The object `createOpwire()` returns. */
export interface Opwire<TEvents = UntypedEvents> extends Messenger<TEvents> {
  /** Start, track, read and cancel operations. */
  readonly operation: OperationsApi;
  /** HTTP routes under `httpBasePath`: operations, cancel, stats, metrics. */
  readonly http: OpwireHttpHandler;
  /**
   * Checks a request's `Authorization: Bearer` credentials with the configured
   * `auth`, as opwire's HTTP routes do, so the app's own routes can use the
   * same authentication: `{ ok: true, principal }`, or `{ ok: false, code, message }`
   * with `code` `unauthorized` (answer 401) or `unavailable` (answer 503).
   */
  authenticateRequest(request: CredentialCarrier): Promise<RequestAuthentication>;
  /** Lifecycle events for logging and audit. */
  readonly events: EventEmitter<OpwireServerEvents>;
  /** The underlying Socket.IO server, for what opwire does not cover. */
  readonly io: SocketIOServer;
  /** This node's counters, read now; `GET {base}/stats` and `/metrics` serve the same. */
  stats(): OpwireStats;
  /**
   * Resolves once the store and adapter can be reached; rejects with a clear
   * `unavailable` error when they cannot. Await it at start-up to fail fast.
   */
  ready(): Promise<void>;
  /**
   * Shuts opwire down: stops accepting sockets, waits up to the grace period
   * (`lifecycle.shutdownGraceMs`, or `options.graceMs`) for the operations
   * running here to end, ends the rest `failed` with code `owner_shutdown`
   * (aborting their signals; a queued job's attempt goes back to its queue
   * when the queue will retry it), sends every event, then disconnects every
   * socket and releases timers. The HTTP server you passed is not closed:
   * close it yourself.
   */
  close(options?: CloseOptions): Promise<void>;
}

/** Options of `close()`. */
export interface CloseOptions {
  /** How long to wait for running operations. @default lifecycle.shutdownGraceMs (10000) */
  graceMs?: number;
}

/**
 * Attaches opwire to the HTTP server (or Socket.IO server) your app already has.
 *
 * @example
 * const server = app.listen(3000);
 * const opwire = createOpwire({
 *   server,
 *   auth: jwtAuth({ secret, algorithms: ['HS256'], claims: (p) => ({ userId: String(p.sub), roles: [] }) }),
 * });
 */
export function createOpwire<TSchemas extends EventSchemas = EventSchemas>(
  options: OpwireOptions<TSchemas>,
): Opwire<EventSchemas extends TSchemas ? UntypedEvents : inferEvents<{ schemas: TSchemas }>> {
  if (typeof options !== 'object' || options === null) {
    throw new OpwireError(
      'invalid_option',
      'createOpwire needs an options object: createOpwire({ server, auth }).',
    );
  }
  if (options.auth === undefined && options.allowAnonymous !== true) {
    throw new OpwireError(
      'invalid_option',
      'createOpwire needs `auth` (e.g. jwtAuth({...})), or `allowAnonymous: true` for a server without credentials.',
    );
  }
  const limits = resolveLimits(options.limits);
  const allowedOrigins =
    options.cors === undefined
      ? undefined
      : typeof options.cors.origin === 'string'
        ? [options.cors.origin]
        : [...options.cors.origin];
  const { io, namespace, owned } = attachSocketServer(options.server, {
    path: options.path ?? defaults.path,
    maxHttpBufferSize: options.maxHttpBufferSize ?? defaults.maxHttpBufferSize,
    cors: options.cors,
    adapter: options.adapter,
    namespace: options.namespace,
  });
  // On a server of the user's own, the namespace middleware below does these checks.
  if (owned) installEngineOriginGuard(io, allowedOrigins);
  const delivery: Delivery = {
    send(rooms, envelope) {
      if (rooms === 'all') namespace.emit(SOCKET_EVENTS.message, envelope);
      else namespace.to([...rooms]).emit(SOCKET_EVENTS.message, envelope);
    },
    sendOperation(rooms, event) {
      namespace.to([...rooms]).emit(SOCKET_EVENTS.operation, encodeOperationEvent(event));
    },
    clearRoom(room) {
      namespace.in(room).socketsLeave(room);
    },
  };
  const lifecycle = lifecycleOptions(options.lifecycle);
  const core = createCore({
    store: options.store ?? memoryStore(),
    delivery,
    progressIntervalMs: options.progressIntervalMs ?? defaults.progressIntervalMs,
    validatePayloads: options.validatePayloads ?? process.env.NODE_ENV !== 'production',
    schemas: options.events?.schemas,
    lease: { leaseMs: lifecycle.leaseMs, renewMs: lifecycle.leaseRenewMs },
    sweepIntervalMs: lifecycle.sweepIntervalMs,
  });
  const { runtime, running, events } = core;
  const platformRole = options.platformRole ?? defaults.platformRole;
  const context: ServerContext = {
    runtime,
    running,
    policies: new RoomPolicies(options.rooms ?? {}, platformRole),
    authenticate: options.auth,
    allowAnonymous: options.allowAnonymous ?? false,
    platformRole,
    limits,
    metrics: options.metrics,
    httpBasePath: options.httpBasePath ?? defaults.httpBasePath,
    allowedOrigins,
    ownsSocketServer: owned,
    expiry: new ExpirySchedule(runtime.timers, expireSession),
    roomSizes() {
      const sizes: Record<string, number> = {};
      for (const [room, members] of namespace.adapter.rooms) {
        if (!members.has(room)) sizes[room] = members.size;
      }
      return sizes;
    },
  };

  let closed = false;
  let closing: Promise<void> | undefined;
  installHandshakeCheck(namespace, context, () => closed);
  const stopSlowReaderSweep = startSlowReaderSweep(namespace);
  namespace.on('connection', (socket) => {
    setUpSocket(socket, context).catch((error: unknown) => {
      events.emit('error', OpwireError.from(error));
      socket.disconnect(true);
    });
  });

  const stopResync = options.adapter?.onRecovered?.(() => {
    runtime.store
      .epoch()
      .then((epoch) => namespace.local.emit(SOCKET_EVENTS.resync, { epoch }))
      .catch((error: unknown) => events.emit('error', OpwireError.from(error, 'unavailable')));
  });

  const readStats = () => runtime.stats.snapshot(context.roomSizes());

  const opwire: Opwire<UntypedEvents> = {
    ...(core.messenger as Messenger<UntypedEvents>),
    operation: core.operation,
    http: createHttpHandler(context, readStats),
    authenticateRequest: (request) => authenticateRequest(context, request),
    events,
    io,
    stats: readStats,
    async ready() {
      await runtime.store.ready?.();
      await options.adapter?.ready?.();
    },
    close(closeOptions = {}) {
      closing ??= (async () => {
        closed = true;
        stopResync?.();
        stopSlowReaderSweep();
        await core.shutdown(closeOptions.graceMs ?? lifecycle.shutdownGraceMs);
        await disconnectAndClose(io, namespace, 2_000, owned);
        context.expiry.clear();
        if (owned) await namespace.adapter.close();
        await options.adapter?.close?.();
        await runtime.store.close();
      })();
      return closing;
    },
  };
  return opwire as never;
}
