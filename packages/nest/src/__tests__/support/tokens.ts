import { jwtAuth, type Principal } from '@opwire/server';
import jwt from 'jsonwebtoken';

const SECRET = 'nest-test-secret-do-not-use';

export function signToken(sub: string, tid = 'acme'): string {
  return jwt.sign({ sub, tid }, SECRET, { algorithm: 'HS256', expiresIn: 600 });
}

export const testAuth = jwtAuth({
  secret: SECRET,
  algorithms: ['HS256'],
  claims: (payload): Principal => ({
    userId: String(payload.sub),
    tenantId: String(payload.tid),
    roles: [],
  }),
});
