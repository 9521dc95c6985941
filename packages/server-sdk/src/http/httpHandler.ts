import type { IncomingMessage, ServerResponse } from 'node:http';
import { problem, send } from './httpAnswers.js';
import { type HttpRequestCore, INTERNAL_ANSWER } from './httpRequestCore.js';
import { routeOf } from './httpRoutes.js';
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

/** The Node adapter of the HTTP request core: it finds the route under the base path. */
export function createHttpHandler(core: HttpRequestCore): OpwireHttpHandler {
  const base = core.basePath;
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://opwire.invalid');
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
      if (next) return next();
      return send(res, problem('not_found', `opwire serves under ${base}.`));
    }
    const path = url.pathname.slice(base.length) || '/';
    const method = req.method ?? 'GET';
    const route = routeOf(method, path);
    if (route === null) {
      return send(res, problem('not_found', `No opwire route for ${method} ${base}${path}.`));
    }
    const input = { method, headers: req.headers, readBody: () => readJsonBody(req) };
    core.answer(input, route, url.searchParams).then(
      (answered) => send(res, answered),
      (error: unknown) => {
        core.reportFailure(error);
        send(res, INTERNAL_ANSWER);
      },
    );
  };
}
