import type { IncomingHttpHeaders } from 'node:http';

/** Reads a bearer token from an `Authorization` header, if there is one. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Token from a Socket.IO handshake: `auth.token` first, then the `Authorization` header. */
export function handshakeToken(auth: unknown, headers: IncomingHttpHeaders): string | undefined {
  if (typeof auth === 'object' && auth !== null) {
    const token = (auth as { token?: unknown }).token;
    if (typeof token === 'string' && token.length > 0 && token.length <= 8192) return token;
  }
  return bearerToken(headers);
}

/** Handshake `auth` without its token, as a new object (other fields stay). */
export function withoutToken(auth: Record<string, unknown>): Record<string, unknown> {
  if (typeof auth !== 'object' || auth === null || !('token' in auth)) return auth;
  const { token: _token, ...rest } = auth;
  return rest;
}
