import { OpwireError } from '@opwire/protocol';
import type { OpwirePollingFallback } from './httpPollingFallback.js';
import type { TokenSource } from './token.js';

/** A Socket.IO transport. */
export type OpwireTransport = 'websocket' | 'polling' | 'webtransport';

/**
 * Options of {@link createOpwireClient}. Every field has a default;
 * pass only what differs.
 */
export interface OpwireClientOptions {
  /**
   * The server's origin, such as `https://api.example.com`.
   * @default the page's origin in a browser; required in Node
   */
  url?: string;
  /**
   * The Socket.IO path the server listens on.
   * @default '/opwire/socket.io'
   */
  path: string;
  /**
   * The Socket.IO namespace the server's opwire listens on: its `namespace`
   * option, or the namespace of the Socket.IO server it was given (a Nest
   * gateway's, for one).
   * @default '/'
   */
  namespace: string;
  /**
   * Base path of the server's HTTP handler, used by the polling fallback.
   * @default '/opwire/api'
   */
  apiPath: string;
  /**
   * A bearer token, or a function returning the current one (sync or async).
   * A function is called at every connect, reconnect and re-authentication.
   * @default undefined (connects without credentials)
   */
  token?: TokenSource;
  /**
   * Socket.IO transports to try, in order.
   * @default Socket.IO's own (long-polling, then upgrade to WebSocket)
   */
  transports?: readonly OpwireTransport[];
  /**
   * Connect as soon as the client is created. With `false`, call `connect()`.
   * @default true
   */
  autoConnect: boolean;
  /**
   * Whether Socket.IO reconnects after losing the connection (with its
   * exponential backoff and jitter).
   * @default true
   */
  reconnection: boolean;
  /**
   * Most reconnection attempts in a row before giving up with `disconnected`.
   * @default Infinity
   */
  reconnectionAttempts: number;
  /**
   * First delay between reconnection attempts, in milliseconds.
   * @default 1000
   */
  reconnectionDelayMs: number;
  /**
   * Longest delay between reconnection attempts, in milliseconds.
   * @default 5000
   */
  reconnectionDelayMaxMs: number;
  /**
   * Jitter of the reconnection delay, from 0 (none) to 1.
   * @default 0.5
   */
  randomizationFactor: number;
  /**
   * How long one connection attempt may take, in milliseconds.
   * @default 20000
   */
  connectTimeoutMs: number;
  /**
   * How long a request (join, cancel, ...) waits for the server's answer
   * before it rejects with `timeout`, in milliseconds.
   * @default 10000
   */
  requestTimeoutMs: number;
  /**
   * How long before the token expires the client re-authenticates with a
   * fresh one from `token`, in milliseconds. Short-lived tokens are renewed
   * half-way through their remaining life instead.
   * @default 30000
   */
  reauthMarginMs: number;
  /**
   * Turn operation starts and ends into toasts for `onToast` listeners.
   * @default true
   */
  operationToasts: boolean;
  /**
   * Keep followed operations current over the server's HTTP handler while no
   * socket can connect: pass `httpPollingFallback()`. Without it the client
   * carries no HTTP code.
   * @default undefined (no fallback)
   */
  pollingFallback?: OpwirePollingFallback;
}

/** What `createOpwireClient` accepts: any subset of the options; `undefined` means the default. */
export type OpwireClientInit = {
  [K in keyof OpwireClientOptions]?: OpwireClientOptions[K] | undefined;
};

/** Every option's default value. */
export const DEFAULT_CLIENT_OPTIONS = {
  /** Default of {@link OpwireClientOptions.path}. */
  path: '/opwire/socket.io',
  /** Default of {@link OpwireClientOptions.namespace}. */
  namespace: '/',
  /** Default of {@link OpwireClientOptions.apiPath}. */
  apiPath: '/opwire/api',
  /** Default of {@link OpwireClientOptions.autoConnect}. */
  autoConnect: true,
  /** Default of {@link OpwireClientOptions.reconnection}. */
  reconnection: true,
  /** Default of {@link OpwireClientOptions.reconnectionAttempts}: no limit. */
  reconnectionAttempts: Number.POSITIVE_INFINITY,
  /** Default of {@link OpwireClientOptions.reconnectionDelayMs}, in milliseconds. */
  reconnectionDelayMs: 1_000,
  /** Default of {@link OpwireClientOptions.reconnectionDelayMaxMs}, in milliseconds. */
  reconnectionDelayMaxMs: 5_000,
  /** Default of {@link OpwireClientOptions.randomizationFactor}. */
  randomizationFactor: 0.5,
  /** Default of {@link OpwireClientOptions.connectTimeoutMs}, in milliseconds. */
  connectTimeoutMs: 20_000,
  /** Default of {@link OpwireClientOptions.requestTimeoutMs}, in milliseconds. */
  requestTimeoutMs: 10_000,
  /** Default of {@link OpwireClientOptions.reauthMarginMs}, in milliseconds. */
  reauthMarginMs: 30_000,
  /** Default of {@link OpwireClientOptions.operationToasts}. */
  operationToasts: true,
} as const satisfies Omit<OpwireClientOptions, 'url' | 'token' | 'transports' | 'pollingFallback'>;

/**
 * Merges `init` over the defaults once and checks the result, throwing an
 * `OpwireError` (`invalid_option`) that names the option and what it needs.
 */
export function resolveOptions(init: OpwireClientInit): OpwireClientOptions {
  const options: OpwireClientOptions = { ...DEFAULT_CLIENT_OPTIONS };
  for (const [key, value] of Object.entries(init)) {
    if (value !== undefined) Object.assign(options, { [key]: value });
  }
  if (options.url !== undefined) options.url = originOf(options.url);
  if (options.url === undefined && !hasBrowserLocation()) {
    invalid(
      'url',
      'the server origin, such as "http://localhost:3000"; outside a browser there is no page origin to default to',
    );
  }
  for (const key of ['path', 'namespace', 'apiPath'] as const) {
    if (!options[key].startsWith('/'))
      invalid(key, `a path starting with "/", not "${options[key]}"`);
  }
  const token: unknown = options.token;
  if (token !== undefined && typeof token !== 'string' && typeof token !== 'function') {
    invalid('token', 'a string or a function returning one');
  }
  positive(options, 'reconnectionDelayMs', 'reconnectionDelayMaxMs', 'connectTimeoutMs');
  positive(options, 'requestTimeoutMs');
  if (!(options.reconnectionAttempts >= 0)) invalid('reconnectionAttempts', 'a number ≥ 0');
  if (!(options.reauthMarginMs >= 0)) invalid('reauthMarginMs', 'a number of milliseconds ≥ 0');
  if (!(options.randomizationFactor >= 0 && options.randomizationFactor <= 1)) {
    invalid('randomizationFactor', 'a number from 0 to 1');
  }
  const fallback: unknown = options.pollingFallback;
  if (
    fallback !== undefined &&
    typeof (fallback as Partial<OpwirePollingFallback>).create !== 'function'
  ) {
    invalid(
      'pollingFallback',
      '`httpPollingFallback()` from @opwire/client (`true` is no longer taken)',
    );
  }
  if (options.reconnectionDelayMaxMs < options.reconnectionDelayMs) {
    invalid('reconnectionDelayMaxMs', 'a value ≥ reconnectionDelayMs');
  }
  return options;
}

type NumericOption = {
  [K in keyof OpwireClientOptions]-?: OpwireClientOptions[K] extends number ? K : never;
}[keyof OpwireClientOptions];

function positive(options: OpwireClientOptions, ...keys: NumericOption[]): void {
  for (const key of keys) {
    const value = options[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      invalid(key, 'a finite number of milliseconds > 0');
    }
  }
}

function invalid(option: string, needs: string): never {
  throw new OpwireError(
    'invalid_option',
    `createOpwireClient: option "${option}" must be ${needs}.`,
  );
}

/** The origin of `url`; a path in it would be read by Socket.IO as a namespace, so it is refused. */
function originOf(url: unknown): string {
  const needs = 'the server origin, such as "https://api.example.com"';
  if (typeof url !== 'string') invalid('url', needs);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    invalid('url', `${needs}, not "${url}"`);
  }
  if (!/^(https?|wss?):$/.test(parsed.protocol)) invalid('url', `${needs}, not "${url}"`);
  if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
    invalid(
      'url',
      `${needs} without a path; set \`path\` and \`apiPath\` for a server mounted under a prefix, \`namespace\` for a Socket.IO namespace`,
    );
  }
  return parsed.origin.replace(/^ws(s?):/, 'http$1:');
}

function hasBrowserLocation(): boolean {
  const location = (globalThis as { location?: { origin?: unknown } }).location;
  return typeof location?.origin === 'string';
}
