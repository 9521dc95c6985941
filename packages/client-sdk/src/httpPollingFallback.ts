import { OpwireError } from '@opwire/protocol';
import { createHttpApi, type FetchFunction, type HttpApi } from './httpApi.js';
import { createPollingFallback, type PollingFallback } from './pollingFallback.js';
import type { TokenSource } from './token.js';

/** Options of {@link httpPollingFallback}. */
export interface HttpPollingFallbackOptions {
  /**
   * Interval between two polls, in milliseconds.
   * @default 3000
   */
  intervalMs?: number;
  /**
   * The `fetch` the fallback calls the server's HTTP handler with.
   * @default globalThis.fetch
   */
  fetch?: FetchFunction;
}

/** What the fallback learns from the client it is given to. Internal. */
export interface FallbackContext {
  /** The server's origin, or `undefined` for the page's own. */
  url: string | undefined;
  /** Base path of the server's HTTP handler (the client's `apiPath`). */
  apiPath: string;
  token: TokenSource | undefined;
  timeoutMs: number;
  /** Custom rooms the client joined, which the server counts as the caller's. */
  rooms(): readonly string[];
  onError(error: unknown): void;
}

/** The fallback as one client runs it. Internal. */
export interface HttpFallback {
  /** Reads and cancels over HTTP while the fallback polls. */
  readonly api: HttpApi;
  readonly polling: PollingFallback;
}

/**
 * The HTTP polling fallback, to pass as `createOpwireClient({ pollingFallback })`.
 * Only the client that is given one carries its code.
 */
export interface OpwirePollingFallback {
  /** @internal Called once by the client it is given to. */
  readonly create: (context: FallbackContext) => HttpFallback;
}

/** Default of {@link HttpPollingFallbackOptions.intervalMs}, in milliseconds. */
export const DEFAULT_POLLING_INTERVAL_MS = 3_000;

/**
 * Polls the server's HTTP handler for the operations the client follows while no
 * socket can connect (a proxy that blocks WebSockets and long-polling), serves
 * reads and cancels over HTTP meanwhile, and stops when the socket connects
 * again. Pass it to the client:
 *
 * @example
 * const client = createOpwireClient({ pollingFallback: httpPollingFallback({ intervalMs: 5_000 }) });
 */
export function httpPollingFallback(
  options: HttpPollingFallbackOptions = {},
): OpwirePollingFallback {
  const intervalMs = options.intervalMs ?? DEFAULT_POLLING_INTERVAL_MS;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new OpwireError(
      'invalid_option',
      'httpPollingFallback: option "intervalMs" must be a finite number of milliseconds > 0.',
    );
  }
  return {
    create(context) {
      const path = context.apiPath.replace(/\/+$/, '');
      const api = createHttpApi({
        baseUrl: context.url === undefined ? path : `${context.url}${path}`,
        token: context.token,
        fetch: options.fetch,
        timeoutMs: context.timeoutMs,
        rooms: context.rooms,
      });
      return { api, polling: createPollingFallback({ intervalMs, api, onError: context.onError }) };
    },
  };
}
