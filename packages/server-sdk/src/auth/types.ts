import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '@opwire/protocol';

/** What a caller presented: a socket's handshake or an HTTP request. */
export interface Credentials {
  /** The bearer token, from the handshake `auth.token` or an `Authorization: Bearer` header. */
  token: string | undefined;
  /** The request's headers (for a socket, those of its handshake request), e.g. for cookies. */
  headers: IncomingHttpHeaders;
  /** Where the credentials came from. */
  transport: 'socket' | 'http';
}

/** A principal with the time its credentials stop being valid. */
export interface AuthResult {
  /** Who the caller is: user, tenant, roles and the rooms they may join. */
  principal: Principal;
  /** Milliseconds since the Unix epoch, or `null` when the credentials do not expire. */
  expiresAt: number | null;
}

/**
 * Turns credentials into a principal. Return `null` to refuse them: the
 * client gets `unauthorized` and stops retrying. Throw when you cannot decide
 * (a session store or key set out of reach): the client gets `unavailable`
 * and keeps retrying, and the error is reported on `opwire.events`. Throw an
 * `OpwireError` with code `unauthorized` to refuse from deep inside.
 * `jwtAuth()` and `jwksAuth()` build one.
 */
export type Authenticate = (
  credentials: Credentials,
) => Principal | AuthResult | null | Promise<Principal | AuthResult | null>;
