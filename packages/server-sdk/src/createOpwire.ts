import type { EventEmitter } from 'eventemitter3';
import type { Server as SocketIOServer } from 'socket.io';
import { assembleOpwire } from './assembleOpwire.js';
import type { CredentialCarrier, RequestAuthentication } from './http/authenticateRequest.js';
import type { OpwireHttpHandler } from './http/httpHandler.js';
import type { OpwireServerEvents } from './lifecycleEvents.js';
import type { EventSchemas, inferEvents, UntypedEvents } from './messaging/defineEvents.js';
import type { Messenger } from './messaging/messenger.js';
import type { OperationsApi } from './operations/operationsApi.js';
import type { OpwireOptions } from './options.js';
import { attachSocketServer } from './socket/attach.js';
import type { OpwireStats } from './stats/serverStats.js';

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
  const { opwire } = assembleOpwire(options, (attachOptions) =>
    attachSocketServer(options?.server, attachOptions),
  );
  return opwire as never;
}
