import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../store/memoryStore.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

describe('malformed and hostile requests', () => {
  it('answers each malformed request with invalid_request and keeps serving', async () => {
    server = await startTestServer();
    const alice = await server.connect({ sub: 'alice' });
    const bad: Array<[string, unknown]> = [
      ['opwire:join', null],
      ['opwire:join', 'chat:1'],
      ['opwire:join', { room: 42 }],
      ['opwire:join', { room: '' }],
      ['opwire:join', { room: 'x'.repeat(10_000) }],
      ['opwire:resume', { operations: 'all' }],
      ['opwire:resume', { operations: [{ id: '__proto__', seq: -1, epoch: 'e' }] }],
      ['opwire:operation.get', { id: { $ne: null } }],
      ['opwire:operation.cancel', {}],
      ['opwire:operation.list', { status: 'everything' }],
      ['opwire:auth', { token: 5 }],
    ];
    for (const [event, body] of bad) {
      const answer = await alice.request(event, body);
      expect(answer, `${event} ${JSON.stringify(body)?.slice(0, 40)}`).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_request',
          message: expect.stringContaining(`Invalid ${event} request`),
        },
      });
    }
    expect(await alice.request('opwire:join', { room: 'user:alice:extra' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await alice.request('opwire:operation.list', {})).toMatchObject({ ok: true });
  });

  it('ignores requests without an acknowledgement and unknown events', async () => {
    server = await startTestServer();
    const alice = await server.connect({ sub: 'alice' });
    alice.socket.emit('opwire:join', { room: 'tenant:x' });
    alice.socket.emit('no.such.event', { a: 1 });
    alice.socket.emit('__proto__', {});
    expect(await alice.request('opwire:operation.list', {})).toMatchObject({ ok: true });
    expect(alice.socket.connected).toBe(true);
  });

  it('drops a client message over maxHttpBufferSize without affecting other sockets', async () => {
    server = await startTestServer({ maxHttpBufferSize: 1024 });
    const alice = await server.connect({ sub: 'alice' });
    const bob = await server.connect({ sub: 'bob' });
    const closed = new Promise((resolve) => alice.socket.on('disconnect', resolve));
    alice.socket.emit('opwire:join', { room: 'x'.repeat(5_000) }, () => {});
    await closed;
    expect(await bob.request('opwire:operation.list', {})).toMatchObject({ ok: true });
  });

  it('catches a store that throws, answers internal and reports it', async () => {
    const store = memoryStore();
    server = await startTestServer({
      store: {
        ...store,
        get: async () => {
          throw new Error('connection lost');
        },
      },
    });
    const errors: string[] = [];
    server.opwire.events.on('error', (error) => errors.push(error.message));
    const alice = await server.connect({ sub: 'alice' });
    const answer = await alice.request('opwire:operation.get', { id: 'x' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The server failed to handle opwire:operation.get.' },
    });
    expect(errors).toEqual(['connection lost']);
    expect(await alice.request('opwire:operation.list', {})).toMatchObject({ ok: true });
  });
});
