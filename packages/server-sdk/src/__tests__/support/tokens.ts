import type { Principal } from '@opwire/protocol';
import jwt from 'jsonwebtoken';
import { jwtAuth } from '../../auth/jwtAuth.js';

export const TEST_SECRET = 'test-secret-do-not-use';

export interface TokenClaims {
  sub: string;
  tid?: string;
  roles?: string[];
}

/** Signs an HS256 token for tests; `expiresInSec` may be negative for an expired one. */
export function signToken(
  claims: TokenClaims,
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
