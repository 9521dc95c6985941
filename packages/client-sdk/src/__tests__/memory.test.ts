import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFactory } from './support/clients.js';

let server: TestServer;
const clients = clientFactory();

beforeEach(async () => {
  server = await startTestServer({ progressIntervalMs: 0 });
});
afterEach(async () => {
  clients.closeAll();
  await server.close();
});

describe('memory over a long session', () => {
  it('holds nothing for 10,000 followed operations once they ended and nobody listens', async () => {
    const { client, errors } = clients.create({ url: server.url, requestTimeoutMs: 10_000 });
    await waitFor(() => client.status === 'connected', 'connected');
    const batches = 20;
    const perBatch = 500;
    let settled = 0;
    for (let batch = 0; batch < batches; batch += 1) {
      const ops = Array.from({ length: perBatch }, () =>
        server.opwire.operation.start('bulk', { audience: { user: 'u1' } }),
      );
      const handles = ops.map((op) => client.operation(op.id));
      const unsubscribes = handles.map((handle) => handle.subscribe(() => {}));
      const done = handles.map((handle) =>
        handle.done.then(() => {
          settled += 1;
        }),
      );
      await waitFor(
        () => handles.every((handle) => handle.getSnapshot() !== null),
        'snapshots',
        10_000,
      );
      for (const op of ops) op.complete({ ok: true });
      await Promise.all(done);
      for (const unsubscribe of unsubscribes) unsubscribe();
      expect(client.debug().operations).toHaveLength(0);
    }
    expect(settled).toBe(batches * perBatch);
    expect(client.operations.getSnapshot()).toHaveLength(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
