import type { IncomingHttpHeaders } from 'node:http';
import { OpwireError, type Principal } from '@opwire/protocol';
import { runAuthenticate } from '../auth/authenticate.js';
import { bearerToken } from '../auth/credentials.js';
import type { ServerContext } from '../serverContext.js';

/** What `opwire.authenticateRequest()` decided about a request's credentials. */
export type RequestAuthentication =
  | {
      /** The credentials passed. */
      ok: true;
      /** Who the request is from. */
      principal: Principal;
      /** When the credentials expire (epoch ms), `null` when they do not say. */
      expiresAt: number | null;
    }
  | {
      /** The request is not authenticated. */
      ok: false;
      /**
       * `unauthorized`: no credentials or refused ones (answer 401).
       * `unavailable`: the authenticator could not decide (answer 503; the
       * caller should retry).
       */
      code: 'unauthorized' | 'unavailable';
      /** Says what to send, or that the check failed for now. */
      message: string;
    };

/** The part of a request that carries credentials: any Node or framework request has it. */
export interface CredentialCarrier {
  /** The request headers; `authorization` is read. */
  readonly headers: IncomingHttpHeaders;
}

/**
 * Checks a request's `Authorization: Bearer` credentials with the configured
 * `auth`, as opwire's own HTTP routes do. An authenticator that threw is
 * reported on `opwire.events` and answered `unavailable`.
 */
export async function authenticateRequest(
  context: Pick<ServerContext, 'authenticate' | 'runtime'>,
  request: CredentialCarrier,
): Promise<RequestAuthentication> {
  if (context.authenticate === undefined)
    return { ok: false, code: 'unauthorized', message: 'This server has no authenticator.' };
  const outcome = await runAuthenticate(
    context.authenticate,
    { token: bearerToken(request.headers), headers: request.headers, transport: 'http' },
    context.runtime.timers.now(),
  );
  if (outcome.ok) {
    return { ok: true, principal: outcome.result.principal, expiresAt: outcome.result.expiresAt };
  }
  if (outcome.code === 'unavailable') {
    if (outcome.error !== undefined)
      context.runtime.events.emit('error', OpwireError.from(outcome.error, 'unavailable'));
    return {
      ok: false,
      code: 'unavailable',
      message: `Credentials could not be checked right now (${outcome.reason}); try again shortly.`,
    };
  }
  return {
    ok: false,
    code: 'unauthorized',
    message: `Send a valid token as "Authorization: Bearer <token>" (${outcome.reason}).`,
  };
}
