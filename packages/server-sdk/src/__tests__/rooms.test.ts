import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, describe, expect, it } from 'vitest';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

describe('built-in rooms', () => {
  it('places a socket in its user, tenant, role and platform rooms at connect', async () => {
    server = await startTestServer();
    const admin = await server.connect({ sub: 'root', tid: 'acme', roles: ['platform-admin'] });
    expect(admin.hello?.rooms).toEqual([
      'user:root',
      'tenant:acme',
      'tenant:acme:role:platform-admin',
      'platform',
    ]);
    server.opwire.to({ platform: true }).emit('ops.alert', { level: 'high' });
    await admin.waitForMessage((m) => m.topic === 'ops.alert');
  });

  it('allows own rooms, refuses other users, tenants, roles and the platform room', async () => {
    server = await startTestServer();
    const alice = await server.connect({ sub: 'alice', tid: 'acme', roles: ['viewer'] });
    expect(await alice.request('opwire:join', { room: 'tenant:acme' })).toEqual({
      ok: true,
      room: 'tenant:acme',
    });
    for (const room of [
      'user:bob',
      'tenant:globex',
      'tenant:acme:role:admin',
      'tenant:globex:role:viewer',
      'platform',
    ]) {
      expect(await alice.request('opwire:join', { room })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(server.opwire.stats().joinsDenied).toBe(5);
  });

  it('refuses to leave rooms that follow the credentials', async () => {
    server = await startTestServer();
    const alice = await server.connect({ sub: 'alice' });
    expect(await alice.request('opwire:leave', { room: 'user:alice' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('custom rooms and policies', () => {
  it('asks the policy with the params and joins or refuses', async () => {
    const asked: unknown[] = [];
    server = await startTestServer({
      rooms: {
        'chat:{chatId}': async ({ principal, params }) => {
          asked.push({ user: principal.userId, params });
          return params.chatId === '42';
        },
      },
    });
    const alice = await server.connect({ sub: 'alice' });
    expect(await alice.request('opwire:join', { room: 'chat:42' })).toEqual({
      ok: true,
      room: 'chat:42',
    });
    expect(await alice.request('opwire:join', { room: 'chat:7' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await alice.request('opwire:join', { room: 'board:1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(asked).toEqual([
      { user: 'alice', params: { chatId: '42' } },
      { user: 'alice', params: { chatId: '7' } },
    ]);
    server.opwire.to({ rooms: ['chat:42'] }).emit('chat.message', { text: 'hi' });
    await alice.waitForMessage((m) => m.topic === 'chat.message');
    expect(await alice.request('opwire:leave', { room: 'chat:42' })).toEqual({
      ok: true,
      room: 'chat:42',
    });
  });

  it('treats a throwing policy as a refusal and reports it', async () => {
    server = await startTestServer({
      rooms: {
        'chat:{chatId}': () => {
          throw new Error('db down');
        },
      },
    });
    const errors: string[] = [];
    server.opwire.events.on('error', (error) => errors.push(error.message));
    const alice = await server.connect({ sub: 'alice' });
    expect(await alice.request('opwire:join', { room: 'chat:1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(errors[0]).toContain('db down');
  });
});

describe('operation rooms and cross-tenant probes', () => {
  it('answers not_found alike for an invisible and a missing operation', async () => {
    server = await startTestServer();
    const bob = await server.connect({ sub: 'bob', tid: 'globex' });
    const alice = await server.connect({ sub: 'alice', tid: 'acme' });
    const op = server.opwire.operation.start('secret', { audience: { tenant: 'acme' } });
    await waitFor(() => alice.operationEvents(op.id).length === 1);

    const probes = async (id: string) => [
      await bob.request('opwire:join', { room: `operation:${id}` }),
      await bob.request('opwire:operation.get', { id }),
      await bob.request('opwire:operation.cancel', { id }),
      await bob.request('opwire:resume', { operations: [{ id, seq: 0, epoch: bob.hello?.epoch }] }),
    ];
    const invisible = await probes(op.id);
    const missing = await probes('does-not-exist');
    const strip = (answers: unknown[]) =>
      JSON.stringify(answers).replaceAll(op.id, 'ID').replaceAll('does-not-exist', 'ID');
    expect(strip(invisible)).toEqual(strip(missing));
    expect(invisible[0]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await bob.request('opwire:operation.list', { status: 'all' })).toMatchObject({
      ok: true,
      operations: [],
    });
    expect(bob.operationEvents(op.id)).toEqual([]);

    expect(await alice.request('opwire:join', { room: `operation:${op.id}` })).toEqual({
      ok: true,
      room: `operation:${op.id}`,
    });
    op.complete();
    await op.done;
  });
});

describe('limits', () => {
  it('caps rooms per socket and requests per second', async () => {
    server = await startTestServer({
      rooms: { 'chat:{chatId}': () => true },
      limits: { maxRoomsPerSocket: 2, requestsPerSecond: 1, burst: 5 },
    });
    const alice = await server.connect({ sub: 'alice' });
    expect((await alice.request('opwire:join', { room: 'chat:1' })).ok).toBe(true);
    expect((await alice.request('opwire:join', { room: 'chat:2' })).ok).toBe(true);
    expect(await alice.request('opwire:join', { room: 'chat:3' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => alice.request('opwire:operation.list', {})),
    );
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.code))).toContain(
      'rate_limited',
    );
  });
});
