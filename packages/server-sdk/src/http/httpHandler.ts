import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  cancelOperationRequestSchema,
  HTTP_ROOMS_PARAM,
  isValidId,
  namedRoomsSchema,
  OpwireError,
  type Principal,
} from '@opwire/protocol';
import { bearerToken } from '../auth/credentials.js';
import { crossOriginProblem } from '../origins/originPolicy.js';
import { cancelOperation } from '../requests/cancelOperation.js';
import { getOperation } from '../requests/getOperation.js';
import { httpCaller } from '../requests/httpCaller.js';
import { listOperations } from '../requests/listOperations.js';
import { isRefusal, notFound, type RequestRefusal } from '../requests/requestCore.js';
import { httpRequestCost } from '../requests/requestCost.js';
import type { ServerContext } from '../serverContext.js';
import { prometheusText } from '../stats/prometheus.js';
import type { OpwireStats } from '../stats/serverStats.js';
import { authenticateRequest } from './authenticateRequest.js';
import { type HttpAnswer, problem, send } from './httpAnswers.js';
import { PrincipalRateLimit } from './principalRateLimit.js';
import { readJsonBody } from './requestBody.js';

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

type Route =
  | { kind: 'metrics' }
  | { kind: 'stats' }
  | { kind: 'list' }
  | { kind: 'get'; id: string }
  | { kind: 'cancel'; id: string };

/** Methods that change nothing, so other origins may send them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The HTTP adapter of the request core: it authenticates, checks the origin of
 * state-changing requests, rate-limits per principal, and hands the request
 * to the same functions the socket listeners use.
 */
export function createHttpHandler(
  context: ServerContext,
  stats: () => OpwireStats,
): OpwireHttpHandler {
  const base = context.httpBasePath.replace(/\/+$/, '');
  const { runtime, limits } = context;
  const rateLimit = new PrincipalRateLimit(limits.httpRequestsPerSecond, limits.httpBurst);

  const principalOf = async (req: IncomingMessage): Promise<Principal | HttpAnswer> => {
    const checked = await authenticateRequest(context, req);
    return checked.ok ? checked.principal : problem(checked.code, checked.message);
  };

  const metrics = (req: IncomingMessage): HttpAnswer => {
    const expected = context.metrics?.token;
    const given = bearerToken(req.headers);
    if (expected === undefined)
      return problem(
        'not_found',
        'Metrics are disabled; enable them with createOpwire({ metrics: { token } }).',
      );
    if (given === undefined || !sameSecret(given, expected))
      return problem('unauthorized', 'Metrics need the configured bearer token.');
    return {
      status: 200,
      text: prometheusText(stats()),
      type: 'text/plain; version=0.0.4; charset=utf-8',
    };
  };

  const answer = async (
    req: IncomingMessage,
    route: Route,
    query: URLSearchParams,
  ): Promise<HttpAnswer> => {
    if (route.kind === 'metrics') return metrics(req);
    if (!SAFE_METHODS.has(req.method ?? 'GET')) {
      const crossOrigin = crossOriginProblem(req.headers, context.allowedOrigins);
      if (crossOrigin !== null) return problem('forbidden', `Request refused: ${crossOrigin}.`);
    }
    const principal = await principalOf(req);
    if (!isPrincipal(principal)) return principal;

    const rooms = namedRoomsSchema.safeParse(
      (query.get(HTTP_ROOMS_PARAM) ?? '').split(',').filter((room) => room !== ''),
    );
    if (!rooms.success) {
      return problem(
        'invalid_request',
        `Invalid ${HTTP_ROOMS_PARAM}: ${rooms.error.issues[0]?.message ?? 'malformed'}`,
      );
    }
    const waitMs = rateLimit.take(
      principal,
      httpRequestCost(rooms.data.length),
      runtime.timers.now(),
    );
    if (waitMs !== null) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      return problem('rate_limited', `Too many requests for this caller; retry in ${seconds} s.`, {
        'retry-after': String(seconds),
      });
    }

    if (route.kind === 'stats') {
      if (!principal.roles.includes(context.platformRole))
        return problem('forbidden', `Stats are for holders of the "${context.platformRole}" role.`);
      return { status: 200, json: stats() };
    }
    if (route.kind === 'list') {
      const status = query.get('status') ?? 'active';
      if (status !== 'active' && status !== 'all')
        return problem('invalid_request', 'status must be "active" or "all".');
      const caller = await httpCaller(context, principal, rooms.data);
      return answerOf(200, await listOperations(context, caller, { status }));
    }
    if (!isValidId(route.id)) return answerOf(200, notFound());
    if (route.kind === 'get') {
      const caller = await httpCaller(context, principal, rooms.data);
      return answerOf(200, await getOperation(context, caller, { id: route.id }));
    }
    const body = await readJsonBody(req);
    if (!body.ok) return problem('invalid_request', `Invalid cancel request: ${body.problem}.`);
    const reason = isObject(body.body) ? body.body.reason : undefined;
    const input = cancelOperationRequestSchema.safeParse(
      reason === undefined ? { id: route.id } : { id: route.id, reason },
    );
    if (!input.success) {
      const issue = input.error.issues[0];
      return problem(
        'invalid_request',
        `Invalid cancel request (${issue?.path.join('.') || 'body'}): ${issue?.message ?? 'malformed'}`,
      );
    }
    const caller = await httpCaller(context, principal, rooms.data);
    return answerOf(202, await cancelOperation(context, caller, input.data));
  };

  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://opwire.invalid');
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
      if (next) return next();
      return send(res, problem('not_found', `opwire serves under ${base}.`));
    }
    const path = url.pathname.slice(base.length) || '/';
    const route = routeOf(req.method ?? 'GET', path);
    if (route === null) {
      return send(res, problem('not_found', `No opwire route for ${req.method} ${base}${path}.`));
    }
    answer(req, route, url.searchParams).then(
      (answered) => send(res, answered),
      (error: unknown) => {
        runtime.events.emit('error', OpwireError.from(error));
        send(res, problem('internal', 'The server failed to handle this request.'));
      },
    );
  };
}

function routeOf(method: string, path: string): Route | null {
  if (method === 'GET' && path === '/metrics') return { kind: 'metrics' };
  if (method === 'GET' && path === '/stats') return { kind: 'stats' };
  if (method === 'GET' && path === '/operations') return { kind: 'list' };
  const match = /^\/operations\/([^/]+)(\/cancel)?$/.exec(path);
  if (match?.[1] === undefined) return null;
  const id = decodePathSegment(match[1]);
  if (match[2] === undefined && method === 'GET') return { kind: 'get', id };
  if (match[2] !== undefined && method === 'POST') return { kind: 'cancel', id };
  return null;
}

/** A core result as a JSON answer with `status`, or its refusal as an error answer. */
function answerOf(status: number, outcome: object | RequestRefusal): HttpAnswer {
  if (isRefusal(outcome)) return problem(outcome.code, outcome.message);
  return { status, json: outcome };
}

function isPrincipal(value: Principal | HttpAnswer): value is Principal {
  return 'userId' in value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
