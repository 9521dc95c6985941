import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { testAuth } from '@opwire/test-kit/tokens';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOpwire } from '../createOpwire.js';
import { defineEvents } from '../messaging/defineEvents.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

describe('to(target).emit', () => {
  it('reaches exactly the targeted users, tenants, roles, rooms or everyone', async () => {
    server = await startTestServer({ rooms: { 'chat:{id}': () => true } });
    const alice = await server.connect({ sub: 'alice', tid: 'acme', roles: ['admin'] });
    const bob = await server.connect({ sub: 'bob', tid: 'acme' });
    const eve = await server.connect({ sub: 'eve', tid: 'globex' });
    await bob.request('opwire:join', { room: 'chat:1' });

    server.opwire.to({ user: 'alice' }).emit('note.user', {});
    server.opwire.to({ tenant: 'acme' }).emit('note.tenant', {});
    server.opwire.to({ tenant: 'acme', roles: ['admin'] }).emit('note.admins', {});
    server.opwire.to({ rooms: ['chat:1'] }).emit('note.chat', {});
    server.opwire.to({ user: ['bob', 'eve'] }).emit('note.users', {});
    server.opwire.to('all').emit('note.all', {});
    await Promise.all(
      [alice, bob, eve].map((c) => c.waitForMessage((m) => m.topic === 'note.all')),
    );

    const seen = (client: typeof alice) => client.messages.map((m) => m.topic);
    expect(seen(alice)).toEqual(['note.user', 'note.tenant', 'note.admins', 'note.all']);
    expect(seen(bob)).toEqual(['note.tenant', 'note.chat', 'note.users', 'note.all']);
    expect(seen(eve)).toEqual(['note.users', 'note.all']);
    expect(alice.messages[0]).toMatchObject({ v: 2, payload: {}, ts: expect.any(Number) });
  });

  it('refuses invalid and reserved topics and empty audiences', async () => {
    server = await startTestServer();
    expect(() => server.opwire.to({ user: 'a' }).emit('bad topic', {})).toThrow(/Invalid topic/);
    expect(() => server.opwire.to({ user: 'a' }).emit('operation.progress', {})).toThrow(
      /reserved/,
    );
    expect(() => server.opwire.to({ user: 'a' }).emit('toast', {})).toThrow(/reserved/);
    expect(() => server.opwire.to({}).emit('x.y', {})).toThrow(/audience is empty/);
    expect(() => server.opwire.to({ user: 'a:b' }).emit('x.y', {})).toThrow(/Invalid audience/);
    expect(() => server.opwire.to({ roles: ['admin'] }).emit('x.y', {})).toThrow(
      /needs a `tenant`/,
    );
  });
});

describe('toast and refreshTables', () => {
  it('sends toasts and table refreshes to the target', async () => {
    server = await startTestServer();
    const alice = await server.connect({ sub: 'alice', tid: 'acme' });
    server.opwire.toast({ user: 'alice' }, { title: 'Saved', type: 'success', durationMs: 3000 });
    server.opwire.refreshTables({ tenant: 'acme' }, ['products'], {
      action: 'update',
      ids: [7, 'x'],
    });
    await alice.waitForMessage((m) => m.topic === 'table.refresh');
    expect(alice.messages.map((m) => [m.topic, m.payload])).toEqual([
      ['toast', { title: 'Saved', type: 'success', durationMs: 3000 }],
      ['table.refresh', { tables: ['products'], action: 'update', ids: [7, 'x'] }],
    ]);
  });

  it('refuses malformed toasts and refreshes', async () => {
    server = await startTestServer();
    expect(() => server.opwire.toast({ user: 'a' }, { title: 'x', type: 'loud' as never })).toThrow(
      /title and a type/,
    );
    expect(() => server.opwire.refreshTables({ user: 'a' }, [])).toThrow(/non-empty array/);
    expect(() =>
      server.opwire.refreshTables({ user: 'a' }, ['t'], { action: 'explode' as never }),
    ).toThrow(/Unknown table action/);
  });
});

describe('defineEvents', () => {
  it('types emit and validates payloads in development', async () => {
    const server0 = await startTestServer();
    const events = defineEvents({
      'data.product.updated': z.object({ id: z.string(), price: z.number() }),
    });
    const opwire = createOpwire({
      server: server0.http,
      path: '/typed',
      auth: testAuth,
      events,
      validatePayloads: true,
    });
    opwire.to({ user: 'a' }).emit('data.product.updated', { id: 'p1', price: 3 });
    expect(() =>
      opwire
        .to({ user: 'a' })
        .emit('data.product.updated', { id: 'p1', price: '3' as unknown as number }),
    ).toThrow(expect.objectContaining({ code: 'invalid_payload' }));
    // @ts-expect-error: undeclared topics are a type error, and refused at run time.
    expect(() => opwire.to({ user: 'a' }).emit('data.other', {})).toThrow(/not declared/);
    await opwire.close();
    server = server0;
  });
});
