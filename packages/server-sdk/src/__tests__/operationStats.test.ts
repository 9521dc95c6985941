import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, describe, expect, it } from 'vitest';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('stats().operations', () => {
  it('counts a queued operation as queued, then running, then by how it ended', async () => {
    server = await startTestServer({ progressIntervalMs: 0 });
    const { opwire } = server;
    const counts = () => opwire.stats().operations;

    const op = opwire.operation.start('import', { audience: { user: 'alice' }, queued: true });
    await op.started;
    expect(counts()).toMatchObject({ queued: 1, running: 0, succeeded: 0 });

    op.progress(10);
    await waitFor(() => counts().running === 1, 'running', 5_000);
    expect(counts()).toMatchObject({ queued: 0, running: 1 });

    const other = opwire.operation.start('export', { audience: { user: 'alice' } });
    await other.started;
    expect(counts()).toMatchObject({ queued: 0, running: 2 });

    op.complete();
    other.fail(new Error('disk full'));
    await Promise.all([op.done, other.done.catch(() => undefined)]);
    await waitFor(() => counts().running === 0, 'both ended', 5_000);
    expect(counts()).toMatchObject({ queued: 0, running: 0, succeeded: 1, failed: 1 });
  });
});
