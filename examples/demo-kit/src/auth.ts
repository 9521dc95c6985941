import { type Authenticate, jwtAuth, type Principal } from '@opwire/server';
import jwt from 'jsonwebtoken';
import { type DemoUser, findDemoUser } from './users.js';

/**
 * DEMO ONLY. A hard-coded signing secret and a shared password are fine for a
 * local demo and nowhere else: a real app signs tokens with a secret from its
 * configuration, after checking real credentials.
 */
export const DEMO_JWT_SECRET = 'opwire-demo-secret-DO-NOT-USE-IN-PRODUCTION';
export const DEMO_PASSWORD = 'demo';

const secret = () => process.env.JWT_SECRET ?? DEMO_JWT_SECRET;

export interface LoginResult {
  token: string;
  user: DemoUser;
}

/** DEMO ONLY: checks the shared demo password and signs a one-hour token. */
export function demoLogin(body: unknown): LoginResult | null {
  const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
  const user = typeof username === 'string' ? findDemoUser(username) : undefined;
  if (!user || password !== DEMO_PASSWORD) return null;
  const token = jwt.sign({ tid: user.tenantId, roles: user.roles, name: user.name }, secret(), {
    algorithm: 'HS256',
    subject: user.id,
    expiresIn: '1h',
  });
  return { token, user };
}

/** The demo user behind an `Authorization: Bearer …` header, or null. */
export function userFromAuthorization(header: string | undefined): DemoUser | null {
  const token = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  if (!token) return null;
  try {
    const payload = jwt.verify(token, secret(), { algorithms: ['HS256'] });
    return typeof payload === 'object' && typeof payload.sub === 'string'
      ? (findDemoUser(payload.sub) ?? null)
      : null;
  } catch {
    return null;
  }
}

/** How opwire turns the same demo tokens into a principal (user, tenant, roles). */
export function demoAuth(): Authenticate {
  return jwtAuth({
    secret: secret(),
    algorithms: ['HS256'],
    claims: (payload): Principal | null =>
      typeof payload.sub === 'string' && typeof payload.tid === 'string'
        ? {
            userId: payload.sub,
            tenantId: payload.tid,
            roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
          }
        : null,
  });
}
