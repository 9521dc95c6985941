import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  cancelOperationRequestSchema,
  HTTP_ROOMS_PARAM,
  isValidId,
  namedRoomsSchema,
  OpwireError,
  type Principal,
} from '@opwire/protocol';
import { bearerToken } from '../auth/credentials.js';
import type { AuthResult } from '../auth/types.js';
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
import { type HttpAnswer, problem } from './httpAnswers.js';
import type { HttpRoute } from './httpRoutes.js';
import { PrincipalRateLimit } from './principalRateLimit.js';
import type { BodyResult } from './requestBody.js';

/** What the HTTP core needs of a request, whichever framework received it. */
export interface HttpRequestInput {
  method: string;
  headers: IncomingHttpHeaders;
  /** The JSON body; read only by the routes that take one (cancel), after every check. */
  readBody(): Promise<BodyResult>;
}

/**
 * The HTTP side of the request core, shared by `opwire.http` and the
 * framework integrations: each of them only finds the route and sends the
 * answer its own way.
 */
export interface HttpRequestCore {
  /** `httpBasePath` without a trailing slash. */
  readonly basePath: string;
  /** Authenticates, checks the origin, rate-limits, and answers the route from the request core. */
  answer(request: HttpRequestInput, route: HttpRoute, query: URLSearchParams): Promise<HttpAnswer>;
  /** The configured auth on a request's headers: its result, or the error answer to send. */
  authenticate(headers: IncomingHttpHeaders): Promise<AuthResult | HttpAnswer>;
  /** Reports a failure of the server while answering (sent as `internal`, without details). */
  reportFailure(error: unknown): void;
}

/** Methods that change nothing, so other origins may send them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a caller is told when the server failed to handle its request; the details go to `opwire.events`. */
export const INTERNAL_MESSAGE = 'The server failed to handle this request.';

export const INTERNAL_ANSWER = problem('internal', INTERNAL_MESSAGE);

export function createHttpRequestCore(
  context: ServerContext,
  stats: () => OpwireStats,
): HttpRequestCore {
  const { runtime, limits } = context;
  const rateLimit = new PrincipalRateLimit(limits.httpRequestsPerSecond, limits.httpBurst);

  const authenticate = async (headers: IncomingHttpHeaders): Promise<AuthResult | HttpAnswer> => {
    const checked = await authenticateRequest(context, { headers });
    return checked.ok
      ? { principal: checked.principal, expiresAt: checked.expiresAt }
      : problem(checked.code, checked.message);
  };

  const metrics = (headers: IncomingHttpHeaders): HttpAnswer => {
    const expected = context.metrics?.token;
    const given = bearerToken(headers);
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
    request: HttpRequestInput,
    route: HttpRoute,
    query: URLSearchParams,
  ): Promise<HttpAnswer> => {
    if (route.kind === 'metrics') return metrics(request.headers);
    if (!SAFE_METHODS.has(request.method)) {
      const crossOrigin = crossOriginProblem(request.headers, context.allowedOrigins);
      if (crossOrigin !== null) return problem('forbidden', `Request refused: ${crossOrigin}.`);
    }
    const authenticated = await authenticate(request.headers);
    if (!isAuthResult(authenticated)) return authenticated;
    const { principal } = authenticated;

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
    return routeAnswer(context, stats, principal, rooms.data, route, query, request);
  };

  return {
    basePath: context.httpBasePath.replace(/\/+$/, ''),
    answer,
    authenticate,
    reportFailure(error) {
      runtime.events.emit('error', OpwireError.from(error));
    },
  };
}

/** The answer of one route for a caller that passed every check. */
async function routeAnswer(
  context: ServerContext,
  stats: () => OpwireStats,
  principal: Principal,
  namedRooms: readonly string[],
  route: Exclude<HttpRoute, { kind: 'metrics' }>,
  query: URLSearchParams,
  request: HttpRequestInput,
): Promise<HttpAnswer> {
  if (route.kind === 'stats') {
    if (!principal.roles.includes(context.platformRole))
      return problem('forbidden', `Stats are for holders of the "${context.platformRole}" role.`);
    return { status: 200, json: stats() };
  }
  if (route.kind === 'list') {
    const status = query.get('status') ?? 'active';
    if (status !== 'active' && status !== 'all')
      return problem('invalid_request', 'status must be "active" or "all".');
    const caller = await httpCaller(context, principal, namedRooms);
    return answerOf(200, await listOperations(context, caller, { status }));
  }
  if (!isValidId(route.id)) return answerOf(200, notFound());
  if (route.kind === 'get') {
    const caller = await httpCaller(context, principal, namedRooms);
    return answerOf(200, await getOperation(context, caller, { id: route.id }));
  }
  const body = await request.readBody();
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
  const caller = await httpCaller(context, principal, namedRooms);
  return answerOf(202, await cancelOperation(context, caller, input.data));
}

/** A core result as a JSON answer with `status`, or its refusal as an error answer. */
function answerOf(status: number, outcome: object | RequestRefusal): HttpAnswer {
  if (isRefusal(outcome)) return problem(outcome.code, outcome.message);
  return { status, json: outcome };
}

/** Whether `authenticate` gave a result rather than an error answer. */
export function isAuthResult(value: AuthResult | HttpAnswer): value is AuthResult {
  return 'principal' in value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
