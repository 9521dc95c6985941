import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** Longest token accepted, in characters (the protocol's limit for `opwire:auth`). */
const MAX_TOKEN_LENGTH = 8192;

/** Reads a bearer token from an `Authorization` header, if there is one. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** What a handshake presented: no token, a token, or something in a token's place that is none. */
export type PresentedToken =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | { kind: 'malformed'; reason: string };

/**
 * The token of a Socket.IO handshake: `auth.token` first, then an
 * `Authorization: Bearer` header. A token that is there but cannot be one (not
 * a string, empty, too long, a `Bearer` header without a token) is `malformed`,
 * so that it is refused rather than taken for no token. `null` counts as none.
 */
export function handshakeToken(auth: unknown, headers: IncomingHttpHeaders): PresentedToken {
  const given =
    typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
  if (given !== undefined && given !== null) {
    if (typeof given !== 'string')
      return { kind: 'malformed', reason: 'auth.token is not a string' };
    if (given.length === 0) return { kind: 'malformed', reason: 'auth.token is empty' };
    if (given.length > MAX_TOKEN_LENGTH)
      return {
        kind: 'malformed',
        reason: `auth.token is longer than ${MAX_TOKEN_LENGTH} characters`,
      };
    return { kind: 'token', token: given };
  }
  const header = headers.authorization;
  if (typeof header !== 'string' || !/^Bearer(\s|$)/i.test(header)) return { kind: 'none' };
  const token = bearerToken(headers);
  if (token === undefined)
    return { kind: 'malformed', reason: 'the Authorization header has no bearer token' };
  if (token.length > MAX_TOKEN_LENGTH)
    return {
      kind: 'malformed',
      reason: `the bearer token is longer than ${MAX_TOKEN_LENGTH} characters`,
    };
  return { kind: 'token', token };
}

/** Handshake `auth` without its token, as a new object (other fields stay). */
export function withoutToken(auth: Record<string, unknown>): Record<string, unknown> {
  if (typeof auth !== 'object' || auth === null || !('token' in auth)) return auth;
  const { token: _token, ...rest } = auth;
  return rest;
}

/**
 * Deletes the `Authorization` header from a request that stays referenced (a
 * socket's handshake request, whose `headers` are also `socket.handshake.headers`),
 * in `headers` and `rawHeaders` alike, so nothing that reads or logs it later
 * holds the credential.
 */
export function forgetAuthorization(request: IncomingMessage): void {
  delete request.headers.authorization;
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i]?.toLowerCase() === 'authorization') raw.splice(i, 2);
  }
}

/** The headers without `Authorization`, as a new object. */
export function withoutAuthorization(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { authorization: _authorization, ...rest } = headers;
  return rest;
}
