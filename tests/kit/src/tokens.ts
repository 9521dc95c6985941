import { jwtAuth, type Principal } from '@opwire/server';
import jwt from 'jsonwebtoken';

export const TEST_SECRET = 'test-secret-do-not-use';

export interface TokenClaims {
  sub: string;
  tid?: string;
  roles?: string[];
}

/** The user tests connect as when who it is does not matter: `u1` of tenant `t1`. */
export const TEST_USER: TokenClaims = { sub: 'u1', tid: 't1' };

/**
 * Signs an HS256 token that {@link testAuth} accepts; without `expiresInSec` it never
 * expires, and a negative one makes it expired already.
 */
export function signToken(
  claims: TokenClaims = TEST_USER,
  options: { expiresInSec?: number; secret?: string } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { ...claims, iat: now };
  if (options.expiresInSec !== undefined) payload.exp = now + options.expiresInSec;
  return jwt.sign(payload, options.secret ?? TEST_SECRET, {
    algorithm: 'HS256',
    noTimestamp: true,
  });
}

export const testAuth = jwtAuth({
  secret: TEST_SECRET,
  algorithms: ['HS256'],
  claims: (payload): Principal => {
    const principal: Principal = {
      userId: String(payload.sub),
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
    };
    if (typeof payload.tid === 'string') principal.tenantId = payload.tid;
    return principal;
  },
});
