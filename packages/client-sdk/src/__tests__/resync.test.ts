import { memoryStore } from '@opwire/server';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken, TEST_USER } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpwireClient, type OpwireClient } from '../index.js';

let server: TestServer | undefined;
let client: OpwireClient | undefined;
afterEach(async () => {
  client?.close();
  await server?.close();
});

describe('resync', () => {
  it('resumes followed operations when the server says deliveries were missed', async () => {
    const store = memoryStore();
    server = await startTestServer({ store, progressIntervalMs: 0 });
    client = createOpwireClient({
      url: server.url,
      token: signToken({ ...TEST_USER, sub: 'alice' }),
      transports: ['websocket'],
    });
    const op = server.opwire.operation.start('job', { audience: { user: 'alice' } });
    op.progress(10);
    const handle = client.operation(op.id);
    await waitFor(() => handle.getSnapshot()?.percent === 10);

    // Events stored but never delivered, as when a node's link to Redis was down.
    await store.append({
      operationId: op.id,
      topic: 'operation.progress',
      ts: Date.now(),
      payload: { percent: 60 },
    });
    await store.append({
      operationId: op.id,
      topic: 'operation.completed',
      ts: Date.now(),
      payload: { result: 'ok' },
    });
    expect(handle.getSnapshot()?.percent).toBe(10);

    server.opwire.io.emit('opwire:resync', { epoch: await store.epoch() });
    await waitFor(() => handle.getSnapshot()?.status === 'succeeded');
    expect(handle.getSnapshot()).toMatchObject({ percent: 100, result: 'ok', seq: 4 });
  });
});
