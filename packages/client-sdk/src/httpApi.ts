import {
  HTTP_ROOMS_PARAM,
  MAX_NAMED_ROOMS,
  OpwireError,
  readAckError,
  readSnapshot,
  readSnapshots,
} from '@opwire/protocol';
import type { OperationRequests } from './operationRequests.js';
import { resolveToken, type TokenSource } from './token.js';

/** The `fetch` the polling fallback uses. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpApiOptions {
  /** Absolute base URL of the server's HTTP handler, such as `http://host/opwire/api`. */
  baseUrl: string;
  token: TokenSource | undefined;
  fetch: FetchFunction | undefined;
  timeoutMs: number;
  /**
   * Custom rooms the client joined; the server counts those its policies allow
   * as the caller's, as it does for the socket that joined them.
   */
  rooms: () => readonly string[];
}

/** The server's HTTP handler, as the polling fallback uses it. Internal. */
/** The operation requests over the server's HTTP API. */
export type HttpApi = OperationRequests;

/**
 * Calls the server's HTTP handler with the same credentials as the socket
 * and turns its `{ error: { code, message } }` answers into `OpwireError`s.
 */
export function createHttpApi(options: HttpApiOptions): HttpApi {
  /** `path` with the joined rooms named in its query, when there are any. */
  function withRooms(path: string): string {
    const rooms = options.rooms().slice(0, MAX_NAMED_ROOMS);
    if (rooms.length === 0) return path;
    const separator = path.includes('?') ? '&' : '?';
    return `${path}${separator}${HTTP_ROOMS_PARAM}=${rooms.map(encodeURIComponent).join(',')}`;
  }

  async function call(method: 'GET' | 'POST', path: string, body?: object): Promise<unknown> {
    const fetchFn = options.fetch ?? (globalThis.fetch as FetchFunction | undefined);
    if (fetchFn === undefined) {
      throw new OpwireError(
        'unavailable',
        'No fetch is available for the polling fallback; pass `fetch` to httpPollingFallback().',
      );
    }
    const token = await resolveToken(options.token);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(options.timeoutMs) };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    try {
      response = await fetchFn(`${options.baseUrl}${withRooms(path)}`, init);
    } catch (error) {
      throw new OpwireError(
        'unavailable',
        `The opwire HTTP API at ${options.baseUrl} could not be reached; the client keeps trying.`,
        { cause: error },
      );
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type))
      throw notFromOpwire(method, path, response.status, type);
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) throw httpError(response.status, data);
    return data;
  }

  return {
    async getOperation(id) {
      const data = await call('GET', `/operations/${encodeURIComponent(id)}`);
      const snapshot = readSnapshot(field(data, 'snapshot'));
      const epoch = field(data, 'epoch');
      if (snapshot === undefined || typeof epoch !== 'string') {
        throw malformed('GET /operations/:id');
      }
      return { epoch, snapshot };
    },
    async listOperations(status) {
      const data = await call('GET', `/operations?status=${status}`);
      const operations = readSnapshots(field(data, 'operations'));
      const epoch = field(data, 'epoch');
      if (operations === undefined || typeof epoch !== 'string') throw malformed('GET /operations');
      return { epoch, operations };
    },
    async cancelOperation(id, reason) {
      await call(
        'POST',
        `/operations/${encodeURIComponent(id)}/cancel`,
        reason === undefined ? {} : { reason },
      );
    },
  };
}

function field(data: unknown, key: string): unknown {
  return typeof data === 'object' && data !== null
    ? (data as Record<string, unknown>)[key]
    : undefined;
}

function httpError(status: number, data: unknown): OpwireError {
  const error = readAckError(field(data, 'error'));
  if (error !== undefined)
    return new OpwireError(error.code, error.message, { details: { status } });
  return new OpwireError(
    status >= 500 ? 'internal' : 'invalid_request',
    `The opwire HTTP API answered ${status} without an opwire error body; check apiPath.`,
    { details: { status } },
  );
}

/**
 * An answer that is not JSON did not come from opwire's HTTP API: something
 * in front of it (a catch-all, static files, Swagger UI at `/`, a proxy's
 * error page) answered instead. The code is the one such an answer got before
 * its content type was looked at.
 */
function notFromOpwire(method: string, path: string, status: number, type: string): OpwireError {
  const ok = status >= 200 && status < 300;
  const code = ok ? 'invalid_payload' : status >= 500 ? 'internal' : 'invalid_request';
  return new OpwireError(
    code,
    `The server answered ${method} ${path.split('?')[0]} with ${status} ${type || 'without a content type'}, not opwire's JSON: something in front of opwire's HTTP API (a catch-all, static files, Swagger UI at "/", a proxy's error page) answers apiPath; mount opwire first.`,
    { details: { status } },
  );
}

function malformed(route: string): OpwireError {
  return new OpwireError(
    'invalid_payload',
    `The opwire HTTP API answered ${route} with an unexpected body; check that @opwire/server and @opwire/client versions match.`,
  );
}
