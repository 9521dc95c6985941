import { encodeOperationEvent, OpwireError, SOCKET_EVENTS } from '@opwire/protocol';
import { createCore } from './core.js';
import type { Opwire } from './createOpwire.js';
import { authenticateRequest } from './http/authenticateRequest.js';
import { createHttpHandler } from './http/httpHandler.js';
import { createHttpRequestCore, type HttpRequestCore } from './http/httpRequestCore.js';
import type { EventSchemas, UntypedEvents } from './messaging/defineEvents.js';
import type { Delivery } from './messaging/delivery.js';
import type { Messenger } from './messaging/messenger.js';
import { storedPublisherFor } from './operations/storedPublisher.js';
import { defaults, lifecycleOptions, type OpwireOptions, resolveLimits } from './options.js';
import { allowedOriginsOf } from './origins/originPolicy.js';
import { RoomPolicies } from './rooms/roomPolicies.js';
import type { ServerContext } from './serverContext.js';
import type { Attached, AttachOptions } from './socket/attach.js';
import { disconnectAndClose } from './socket/closeEngine.js';
import { installHandshakeCheck, setUpSocket } from './socket/connection.js';
import { expireSession } from './socket/expireSession.js';
import { ExpirySchedule } from './socket/expirySchedule.js';
import { startSlowReaderSweep } from './socket/slowReaders.js';
import { memoryStore } from './store/memoryStore.js';

/** An opwire server with what the framework integrations build on. */
export interface OpwireParts<TAttached extends Attached = Attached> {
  opwire: Opwire<UntypedEvents>;
  /** The HTTP request core that `opwire.http` adapts, for framework routes. */
  http: HttpRequestCore;
  attached: TAttached;
}

/**
 * Builds opwire on the Socket.IO server `attach` gives for opwire's socket
 * settings: `createOpwire()` attaches to the server passed in; the Express
 * integration creates one to attach once the HTTP server exists.
 */
export function assembleOpwire<TAttached extends Attached>(
  options: Omit<OpwireOptions<EventSchemas>, 'server'>,
  attach: (options: AttachOptions) => TAttached,
): OpwireParts<TAttached> {
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
  const allowedOrigins = allowedOriginsOf(options.cors);
  const attached = attach({
    path: options.path ?? defaults.path,
    maxHttpBufferSize: options.maxHttpBufferSize ?? defaults.maxHttpBufferSize,
    cors: options.cors,
    adapter: options.adapter,
    namespace: options.namespace,
  });
  const { io, namespace, owned } = attached;
  const delivery: Delivery = {
    send(rooms, envelope) {
      if (rooms === 'all') namespace.emit(SOCKET_EVENTS.message, envelope);
      else namespace.to([...rooms]).emit(SOCKET_EVENTS.message, envelope);
    },
    sendOperation(rooms, events) {
      namespace.to([...rooms]).emit(SOCKET_EVENTS.operation, ...events.map(encodeOperationEvent));
    },
    clearRoom(room) {
      namespace.in(room).socketsLeave(room);
    },
  };
  const lifecycle = lifecycleOptions(options.lifecycle);
  const store = options.store ?? memoryStore();
  const pairStore = options.adapter && storedPublisherFor(options.adapter);
  const storedPublisher = pairStore?.(store, namespace);
  const core = createCore({
    store,
    delivery,
    ...(storedPublisher ? { storedPublisher } : {}),
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

  const stopErrors = options.adapter?.onError?.((error) => events.emit('error', error));

  const readStats = () => runtime.stats.snapshot(context.roomSizes());
  const http = createHttpRequestCore(context, readStats);

  const opwire: Opwire<UntypedEvents> = {
    ...(core.messenger as Messenger<UntypedEvents>),
    operation: core.operation,
    http: createHttpHandler(http),
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
        stopErrors?.();
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
  return { opwire, http, attached };
}
