import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { OpwireError } from '@opwire/protocol';
import type { ServerOptions } from 'socket.io';
import type { Authenticate } from './auth/types.js';
import type { EventSchemas, EventsDefinition } from './messaging/defineEvents.js';
import type { RoomPolicy } from './rooms/roomPolicies.js';
import type { SocketIONamespaceLike, SocketIOServerLike } from './socket/socketServerLike.js';
import type { OperationStore } from './store/operationStore.js';

/**
 * Cross-origin settings: handed to Socket.IO when opwire creates it, and used on
 * any Socket.IO server to refuse handshakes and state-changing HTTP requests
 * from other origins.
 */
export interface CorsOptions {
  /**
   * Allowed origins, exactly as browsers send them in `Origin`, e.g.
   * `['https://app.example.com']`. There is no wildcard.
   */
  origin: string | readonly string[];
  /**
   * Whether cross-origin requests may carry cookies and credentials
   * (`Access-Control-Allow-Credentials`).
   * @default true
   */
  credentials?: boolean;
}

/**
 * What one socket or one HTTP caller may cost the server. Each is a positive
 * number; give any of them alone.
 */
export interface LimitOptions {
  /** Rooms a socket may join on top of its built-in ones; joins still in flight count. @default 100 */
  maxRoomsPerSocket: number;
  /**
   * Request units a socket is given per second. A request costs one unit, a
   * resume one more per 50 operations it names and one more per 64 KiB it replays.
   * @default 20
   */
  requestsPerSecond: number;
  /** Request units a socket may spend at once before the rate applies. @default 40 */
  burst: number;
  /**
   * Most events one resume answer replays; operations past it get a snapshot.
   * @default 1000
   */
  maxResumeEvents: number;
  /**
   * Most bytes of events (as JSON) one resume answer replays; operations past it
   * get a snapshot. @default 1048576 (1 MiB)
   */
  maxResumeBytes: number;
  /**
   * Bytes that may wait to be sent to a socket whose client does not read them;
   * past it the socket is disconnected (`connection.dropped` on `opwire.events`).
   * @default 8388608 (8 MiB)
   */
  maxBufferedBytes: number;
  /**
   * Request units an HTTP caller (one principal, on this node) is given per
   * second; past it the answer is `429 rate_limited`. A request costs one unit,
   * plus one per 10 rooms it names. @default 20
   */
  httpRequestsPerSecond: number;
  /** Request units an HTTP caller may spend at once before the rate applies. @default 40 */
  httpBurst: number;
}

/**
 * A Socket.IO adapter with its life cycle, e.g. `redisAdapter({ redis })` from
 * `@opwire/server/redis`. Delivers events to sockets on every node.
 */
export interface OpwireAdapter {
  /** What Socket.IO's `adapter` option takes. */
  createAdapter: ServerOptions['adapter'];
  /** Resolves once the adapter's connections work; rejects with `unavailable` when they cannot. */
  ready?(): Promise<void>;
  /**
   * Calls `listener` whenever delivery between nodes recovers after an outage,
   * so sockets can be told to resume what they may have missed.
   */
  onRecovered?(listener: () => void): () => void;
  /**
   * Calls `listener` with an `unavailable` error whenever a message for the
   * other nodes could not be sent; `createOpwire` passes these on as its
   * `error` events.
   */
  onError?(listener: (error: OpwireError) => void): () => void;
  /** Releases the adapter's own connections; `opwire.close()` calls it, before closing the store. */
  close?(): Promise<void>;
}

/** Settings of `GET {base}/metrics`, the Prometheus endpoint. */
export interface MetricsOptions {
  /** Bearer token that `GET {base}/metrics` requires. */
  token: string;
}

/** Options of {@link createOpwire}. */
export interface OpwireOptions<TSchemas extends EventSchemas = EventSchemas> {
  /**
   * The HTTP server your app already has (`app.listen()`, `fastify.server`,
   * Nest's `app.getHttpServer()`, `http.createServer()`), or an existing
   * Socket.IO server, or one of its namespaces (what a Nest gateway's
   * `@WebSocketServer()` holds when the gateway has a namespace). A Socket.IO
   * server or namespace is recognised by its shape, so one built by another
   * copy of socket.io 4 (such as the one Nest's platform brings) works too.
   */
  server: HttpServer | HttpsServer | SocketIOServerLike | SocketIONamespaceLike;
  /** Turns credentials into a principal, e.g. `jwtAuth({...})`. Required unless `allowAnonymous`. */
  auth?: Authenticate;
  /** Accept sockets without valid credentials (they join no rooms). @default false */
  allowAnonymous?: boolean;
  /** Custom room templates and who may join them, e.g. `{ 'chat:{chatId}': ({ principal, params }) => … }`. */
  rooms?: Readonly<Record<string, RoomPolicy>>;
  /** Role whose holders join the `platform` room and may read stats. @default 'platform-admin' */
  platformRole?: string;
  /**
   * Cross-origin settings. With them, handshakes and state-changing HTTP
   * requests from other browser origins are refused. Without them only
   * same-origin pages can use long-polling, and origins are not checked.
   */
  cors?: CorsOptions;
  /** Socket.IO path (ignored when `server` is a Socket.IO server). @default '/opwire/socket.io' */
  path?: string;
  /**
   * Socket.IO namespace. Leave it out when `server` is a namespace: that one is used.
   * @default '/'
   */
  namespace?: string;
  /** Where `opwire.http` serves. @default '/opwire/api' */
  httpBasePath?: string;
  /** Largest message a client may send, in bytes (a full resume request fits). @default 65536 */
  maxHttpBufferSize?: number;
  /**
   * Delivers events across several nodes (ignored when `server` is a Socket.IO
   * server: configure its adapter yourself). @default Socket.IO's in-memory adapter
   */
  adapter?: OpwireAdapter;
  /** Where operations and their history live. @default memoryStore() */
  store?: OperationStore;
  /** At most one progress message per operation per this many ms; 0 sends every call. @default 100 */
  progressIntervalMs?: number;
  /** Limits per socket and per HTTP caller. */
  limits?: Partial<LimitOptions>;
  /** Enables `GET {base}/metrics` guarded by a bearer token. @default disabled */
  metrics?: MetricsOptions;
  /** Validate payloads against `defineOperation`/`defineEvents` schemas. @default NODE_ENV !== 'production' */
  validatePayloads?: boolean;
  /** Typed application events from `defineEvents()`. */
  events?: EventsDefinition<TSchemas>;
  /** Leases of the operations this node runs, and how often it sweeps for lost ones. */
  lifecycle?: Partial<LifecycleOptions>;
}

/**
 * Owners, leases and shutdown, shared by `createOpwire` and
 * `createOpwireEmitter`. Every running operation is owned by the process
 * that runs it, which renews its lease; a sweeper in every process ends the
 * operations whose lease ran out. See docs/lifecycle.md.
 */
export interface LifecycleOptions {
  /**
   * An operation whose process does not renew its lease for this long is
   * ended `failed` with code `owner_lost` (per operation: `leaseMs`).
   * @default 15000
   */
  leaseMs: number;
  /** How often a process renews the lease of each operation it runs; below `leaseMs`. @default 5000 */
  leaseRenewMs: number;
  /**
   * How often this process looks for operations whose lease ran out (and for
   * waiting queue jobs that disappeared). Followers see a lost operation end
   * within `leaseMs` plus this.
   * @default 5000
   */
  sweepIntervalMs: number;
  /**
   * How long `close()` waits for running operations to end before it ends
   * the rest `failed` with code `owner_shutdown`.
   * @default 10000
   */
  shutdownGraceMs: number;
}

export const lifecycleDefaults: LifecycleOptions = {
  leaseMs: 15_000,
  leaseRenewMs: 5_000,
  sweepIntervalMs: 5_000,
  shutdownGraceMs: 10_000,
};

/** The lifecycle options with their defaults, checked. */
export function lifecycleOptions(given: Partial<LifecycleOptions> | undefined): LifecycleOptions {
  const options = { ...lifecycleDefaults, ...given };
  const { leaseMs, leaseRenewMs, sweepIntervalMs, shutdownGraceMs } = options;
  const positive = [leaseMs, leaseRenewMs, sweepIntervalMs].every(
    (value) => Number.isFinite(value) && value > 0,
  );
  if (!positive || !(shutdownGraceMs >= 0) || leaseRenewMs >= leaseMs) {
    throw new OpwireError(
      'invalid_option',
      `lifecycle needs positive leaseMs, leaseRenewMs and sweepIntervalMs with leaseRenewMs below leaseMs, and shutdownGraceMs ≥ 0; got ${JSON.stringify(given)}.`,
    );
  }
  return options;
}

export const defaultLimits: LimitOptions = {
  maxRoomsPerSocket: 100,
  requestsPerSecond: 20,
  burst: 40,
  maxResumeEvents: 1000,
  maxResumeBytes: 1024 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  httpRequestsPerSecond: 20,
  httpBurst: 40,
};

/** The limits with their defaults filled in; throws `invalid_option` for one that is not a positive number. */
export function resolveLimits(given: Partial<LimitOptions> | undefined): LimitOptions {
  const limits: LimitOptions = { ...defaultLimits };
  for (const [name, value] of Object.entries(given ?? {})) {
    if (!(name in defaultLimits)) {
      throw new OpwireError(
        'invalid_option',
        `Unknown limit "${name}"; the limits are ${Object.keys(defaultLimits).join(', ')}.`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0)) {
      throw new OpwireError(
        'invalid_option',
        `limits.${name} must be a positive number, not ${String(value)}.`,
      );
    }
    limits[name as keyof LimitOptions] = value;
  }
  return limits;
}

export const defaults = {
  platformRole: 'platform-admin',
  path: '/opwire/socket.io',
  namespace: '/',
  httpBasePath: '/opwire/api',
  maxHttpBufferSize: 64 * 1024,
  progressIntervalMs: 100,
} as const;
