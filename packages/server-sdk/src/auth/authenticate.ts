import { idProblem, type Principal } from '@opwire/protocol';
import type { Authenticate, AuthResult, Credentials } from './types.js';

export type AuthOutcome =
  | { ok: true; result: AuthResult }
  | {
      ok: false;
      /**
       * `unauthorized`: the credentials were refused. `unavailable`: the
       * authenticator could not decide (it threw, e.g. a key set or a session
       * store out of reach), so the caller should try again later.
       */
      code: 'unauthorized' | 'unavailable';
      reason: string;
      error?: unknown;
    };

/**
 * Runs an authenticator and checks what it returned: a principal whose ids
 * could escape their rooms, or credentials already expired, are refused. A
 * throw is an outage, not a refusal, unless it is an `OpwireError` with code
 * `unauthorized`.
 */
export async function runAuthenticate(
  authenticate: Authenticate,
  credentials: Credentials,
  now: number,
): Promise<AuthOutcome> {
  let value: Principal | AuthResult | null;
  try {
    value = await authenticate(credentials);
  } catch (error) {
    if (isRefusal(error)) return { ok: false, code: 'unauthorized', reason: 'credentials refused' };
    return { ok: false, code: 'unavailable', reason: 'the authenticator failed', error };
  }
  if (value === null || typeof value !== 'object') {
    return {
      ok: false,
      code: 'unauthorized',
      reason: credentials.token ? 'credentials refused' : 'no credentials',
    };
  }
  const result: AuthResult = 'principal' in value ? value : { principal: value, expiresAt: null };
  const problem = principalProblem(result.principal);
  if (problem !== null) return { ok: false, code: 'unauthorized', reason: problem };
  if (result.expiresAt !== null && result.expiresAt <= now) {
    return { ok: false, code: 'unauthorized', reason: 'credentials expired' };
  }
  return {
    ok: true,
    result: { principal: normalize(result.principal), expiresAt: result.expiresAt },
  };
}

/** An `OpwireError` with code `unauthorized`, from either build of the package (so no `instanceof`). */
function isRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'OpwireError' && code === 'unauthorized';
}

function principalProblem(principal: Principal): string | null {
  const userProblem = idProblem(principal.userId);
  if (userProblem !== null) return `invalid userId from the authenticator: ${userProblem}`;
  if (principal.tenantId !== undefined) {
    const tenantProblem = idProblem(principal.tenantId);
    if (tenantProblem !== null) return `invalid tenantId from the authenticator: ${tenantProblem}`;
  }
  if (!Array.isArray(principal.roles)) return 'the authenticator returned no roles array';
  return null;
}

function normalize(principal: Principal): Principal {
  const roles = principal.roles.filter((role) => idProblem(role) === null);
  return principal.tenantId === undefined
    ? { userId: principal.userId, roles }
    : { userId: principal.userId, tenantId: principal.tenantId, roles };
}
