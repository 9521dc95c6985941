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
 * Turns credentials into a principal. Return `null` to refuse them; a throw is
 * also a refusal (and is reported through `opwire.events`). `jwtAuth()` builds one.
 */
export type Authenticate = (
  credentials: Credentials,
) => Principal | AuthResult | null | Promise<Principal | AuthResult | null>;
