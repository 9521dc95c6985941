import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  isTerminalStatus,
  isValidId,
  type OperationSnapshot,
  OpwireError,
  PLATFORM_ROOM,
  type Principal,
  parseRoom,
  type WireErrorCode,
} from '@opwire/protocol';
import { runAuthenticate } from '../auth/authenticate.js';
import { bearerToken } from '../auth/credentials.js';
import { requestCancel } from '../operations/operationsApi.js';
import { isVisibleTo } from '../operations/visibility.js';
import { principalRooms } from '../rooms/principalRooms.js';
import type { ServerContext } from '../serverContext.js';
import { prometheusText } from '../stats/prometheus.js';
import type { OpwireStats } from '../stats/serverStats.js';

/**
 * A Node request handler, usable as Express middleware (`app.use(opwire.http)`)
 * or from any framework route that hands over the raw request and response.
 * Requests outside its base path go to `next()`, or get a 404 without one.
 */
export type OpwireHttpHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

const STATUS: Record<WireErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  invalid_request: 400,
  not_found: 404,
  rate_limited: 429,
  conflict: 409,
  unsupported_version: 400,
  unavailable: 503,
  internal: 500,
};

const NOT_FOUND = 'No such operation, or you may not see it.';

class HttpProblem extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function createHttpHandler(
  context: ServerContext,
  stats: () => OpwireStats,
): OpwireHttpHandler {
  const base = context.httpBasePath.replace(/\/+$/, '');
  const { runtime } = context;

  const principalOf = async (req: IncomingMessage): Promise<Principal> => {
    if (context.authenticate === undefined)
      throw new HttpProblem('unauthorized', 'This server has no authenticator.');
    const outcome = await runAuthenticate(
      context.authenticate,
      { token: bearerToken(req.headers), headers: req.headers, transport: 'http' },
      runtime.timers.now(),
    );
    if (!outcome.ok && outcome.code === 'unavailable') {
      if (outcome.error !== undefined)
        runtime.events.emit('error', OpwireError.from(outcome.error, 'unavailable'));
      throw new HttpProblem(
        'unavailable',
        `Credentials could not be checked right now (${outcome.reason}); try again shortly.`,
      );
    }
    if (!outcome.ok)
      throw new HttpProblem(
        'unauthorized',
        `Send a valid token as "Authorization: Bearer <token>" (${outcome.reason}).`,
      );
    return outcome.result.principal;
  };

  const visible = async (principal: Principal, id: string): Promise<OperationSnapshot> => {
    const snapshot = isValidId(id) ? await runtime.store.get(id) : null;
    if (snapshot === null) throw new HttpProblem('not_found', NOT_FOUND);
    const rooms = await memberRooms(context, principal, snapshot.audience);
    if (!isVisibleTo(snapshot, rooms)) throw new HttpProblem('not_found', NOT_FOUND);
    return snapshot;
  };

  const route = async (
    req: IncomingMessage,
    path: string,
    query: URLSearchParams,
  ): Promise<[number, unknown] | [number, string, string]> => {
    const method = req.method ?? 'GET';
    if (path === '/metrics' && method === 'GET') {
      const expected = context.metrics?.token;
      const given = bearerToken(req.headers);
      if (expected === undefined)
        throw new HttpProblem(
          'not_found',
          'Metrics are disabled; enable them with createOpwire({ metrics: { token } }).',
        );
      if (given === undefined || !sameSecret(given, expected))
        throw new HttpProblem('unauthorized', 'Metrics need the configured bearer token.');
      return [200, prometheusText(stats()), 'text/plain; version=0.0.4; charset=utf-8'];
    }
    const principal = await principalOf(req);
    if (path === '/stats' && method === 'GET') {
      if (!principal.roles.includes(context.platformRole)) {
        throw new HttpProblem(
          'forbidden',
          `Stats are for holders of the "${context.platformRole}" role.`,
        );
      }
      return [200, stats()];
    }
    if (path === '/operations' && method === 'GET') {
      const status = query.get('status') ?? 'active';
      if (status !== 'active' && status !== 'all')
        throw new HttpProblem('invalid_request', 'status must be "active" or "all".');
      const rooms = principalRooms(principal, context.platformRole);
      const operations = await runtime.store.list({ status, rooms, limit: 100 });
      return [200, { epoch: await runtime.store.epoch(), operations }];
    }
    const match = /^\/operations\/([^/]+)(\/cancel)?$/.exec(path);
    if (match?.[1] !== undefined) {
      const id = decodePathSegment(match[1]);
      if (!match[2] && method === 'GET') {
        return [
          200,
          { epoch: await runtime.store.epoch(), snapshot: await visible(principal, id) },
        ];
      }
      if (match[2] && method === 'POST') {
        const snapshot = await visible(principal, id);
        if (isTerminalStatus(snapshot.status))
          throw new HttpProblem(
            'conflict',
            `Operation "${id}" already ended (${snapshot.status}).`,
          );
        runtime.events.emit('operation.cancel-requested', { operationId: id, by: principal });
        if (!(await requestCancel(runtime, context.running, id, undefined))) {
          throw new HttpProblem(
            'conflict',
            `Operation "${id}" is not running anywhere that can cancel it.`,
          );
        }
        return [202, { id }];
      }
    }
    throw new HttpProblem('not_found', `No opwire route for ${method} ${base}${path}.`);
  };

  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://opwire.invalid');
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
      if (next) return next();
      return send(res, 404, {
        error: { code: 'not_found', message: `opwire serves under ${base}.` },
      });
    }
    route(req, url.pathname.slice(base.length) || '/', url.searchParams).then(
      (answer) => {
        if (answer.length === 3) return sendText(res, answer[0], answer[1], answer[2]);
        send(res, answer[0], answer[1]);
      },
      (error: unknown) => {
        if (error instanceof HttpProblem) {
          return send(res, STATUS[error.code], {
            error: { code: error.code, message: error.message },
          });
        }
        runtime.events.emit('error', OpwireError.from(error));
        send(res, 500, {
          error: { code: 'internal', message: 'The server failed to handle this request.' },
        });
      },
    );
  };
}

/** The principal's built-in rooms plus the custom audience rooms its policies allow. */
async function memberRooms(
  context: ServerContext,
  principal: Principal,
  audience: readonly string[],
): Promise<Set<string>> {
  const rooms = new Set(principalRooms(principal, context.platformRole));
  for (const room of audience) {
    if (rooms.has(room) || room === PLATFORM_ROOM || parseRoom(room)?.kind !== 'custom') continue;
    const decision = await context.policies.decide(principal, room, (error) =>
      context.runtime.events.emit('error', OpwireError.from(error)),
    );
    if (decision.allowed) rooms.add(room);
  }
  return rooms;
}

/** A path segment decoded; malformed percent-encoding gives '' (no operation has that id). */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

function sendText(res: ServerResponse, status: number, body: string, type: string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('cache-control', 'no-store');
  res.end(body);
}
