import { afterEach, describe, expect, it } from 'vitest';
import {
  startTestServer,
  type TestServer,
} from '../../../server-sdk/src/__tests__/support/testServer.js';
import { signToken } from '../../../server-sdk/src/__tests__/support/tokens.js';
import { waitFor } from '../../../server-sdk/src/__tests__/support/waitFor.js';
import { memoryStore } from '../../../server-sdk/src/store/memoryStore.js';
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
      token: signToken({ sub: 'alice' }),
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
