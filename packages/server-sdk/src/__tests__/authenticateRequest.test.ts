import { createServer } from 'node:http';
import type { OpwireError } from '@opwire/protocol';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import { afterEach, describe, expect, it } from 'vitest';
import type { Authenticate } from '../auth/types.js';
import { createOpwire, type Opwire } from '../createOpwire.js';

let opwire: Opwire | undefined;
afterEach(async () => {
  await opwire?.close();
  opwire = undefined;
});

function withAuth(auth: Authenticate): Opwire {
  opwire = createOpwire({ server: createServer(), auth });
  return opwire;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('opwire.authenticateRequest', () => {
  it('gives the principal of valid credentials, as the HTTP routes see it', async () => {
    const checked = await withAuth(testAuth).authenticateRequest(
      bearer(signToken({ sub: 'alice', tid: 'acme', roles: ['admin'] }, { expiresInSec: 60 })),
    );
    expect(checked).toMatchObject({
      ok: true,
      principal: { userId: 'alice', tenantId: 'acme', roles: ['admin'] },
    });
    expect(checked.ok && checked.expiresAt).toBeGreaterThan(Date.now());
  });

  it('refuses a request without or with bad credentials as unauthorized', async () => {
    const server = withAuth(testAuth);
    expect(await server.authenticateRequest({ headers: {} })).toMatchObject({
      ok: false,
      code: 'unauthorized',
      message: expect.stringMatching(/Authorization: Bearer/),
    });
    expect(await server.authenticateRequest(bearer('not-a-jwt'))).toMatchObject({
      ok: false,
      code: 'unauthorized',
    });
  });

  it('refuses a principal whose ids could escape their rooms', async () => {
    const checked = await withAuth(() => ({ userId: 'a:b', roles: [] })).authenticateRequest(
      bearer('anything'),
    );
    expect(checked).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('answers unavailable and reports the cause when the authenticator throws', async () => {
    const server = withAuth(() => {
      throw new Error('key set unreachable');
    });
    const errors: OpwireError[] = [];
    server.events.on('error', (error) => errors.push(error));
    const checked = await server.authenticateRequest(bearer('anything'));
    expect(checked).toMatchObject({ ok: false, code: 'unavailable' });
    expect(JSON.stringify(checked)).not.toContain('key set unreachable');
    expect(errors).toMatchObject([{ code: 'unavailable', message: 'key set unreachable' }]);
  });
});
