import type { RequestHandler } from 'express';
import { send } from '../http/httpAnswers.js';
import { type HttpRequestCore, isAuthResult } from '../http/httpRequestCore.js';

/**
 * Express middleware that authenticates the request with opwire's configured
 * auth (the `Authorization: Bearer` token, as for opwire's own routes) and
 * sets `req.opwirePrincipal`. A refused token gets opwire's `401
 * unauthorized` answer, an authenticator that cannot decide `503
 * unavailable`; the route after it does not run.
 */
export function createAuthenticateMiddleware(core: HttpRequestCore): RequestHandler {
  return (req, res, next) => {
    core.authenticate(req.headers).then((result) => {
      if (!isAuthResult(result)) return send(res, result);
      req.opwirePrincipal = result.principal;
      next();
    }, next);
  };
}
