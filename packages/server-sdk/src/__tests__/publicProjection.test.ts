import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken } from '@opwire/test-kit/tokens';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// An operation whose audience names two users must not tell either of them the other's id:
// every way a client hears about an operation (live frames, replays, snapshots over the
// socket and over HTTP) carries its public form, without audience room names.

const BOB = 'bob-7f3a';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('what a client receives about an operation', () => {
  it("never names another user of the operation's audience, on any path", async () => {
    const alice = await server.connect({ sub: 'alice', tid: 'acme' });
    const received: unknown[] = [];
    alice.socket.onAny((event: string, ...args: unknown[]) => received.push([event, ...args]));

    const op = server.opwire.operation.start('shared-report', {
      audience: { user: ['alice', BOB] },
      title: 'Quarterly report',
      tables: ['reports'],
      toast: { success: 'Report ready' },
    });
    op.progress(50, 'Half way');
    await alice.waitForMessage((m) => m.operationId === op.id && m.seq === 2);

    const epoch = alice.hello?.epoch ?? '';
    const answers = [
      await alice.request('opwire:operation.get', { id: op.id }),
      await alice.request('opwire:operation.list', { status: 'active' }),
      await alice.request('opwire:resume', { operations: [{ id: op.id, seq: 0, epoch }] }),
      await alice.request('opwire:resume', { operations: [{ id: op.id, seq: 1, epoch: 'old' }] }),
    ];
    op.complete({ pages: 12 });
    await op.done;
    await alice.waitForMessage((m) => m.operationId === op.id && m.topic === 'operation.completed');
    answers.push(await alice.request('opwire:operation.list', { status: 'all' }));
    const token = signToken({ sub: 'alice', tid: 'acme' });
    for (const path of [`/operations/${op.id}`, '/operations']) {
      const response = await fetch(`${server.url}/opwire/api${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      answers.push(await response.json());
    }

    // The server itself still knows the whole audience; only what clients receive is public.
    expect((await server.opwire.operation.get(op.id))?.audience).toContain(`user:${BOB}`);
    const everything = JSON.stringify([received, answers]);
    expect(everything).toContain(op.id);
    expect(everything).toContain('Report ready');
    expect(everything).not.toContain(BOB);
    expect(everything).not.toContain('user:alice');
    // The resume answers replayed events and sent a snapshot, so both forms were checked.
    expect(answers[2]).toMatchObject({ ok: true, results: [{ status: 'replayed' }] });
    expect(answers[3]).toMatchObject({ ok: true, results: [{ status: 'snapshot' }] });
  });
});
