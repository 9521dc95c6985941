import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleTestProcess } from '@opwire/test-kit/forkBundled';
import { createTestClient, startTestServer } from '@opwire/test-kit/testServer';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { createOpwire } from '../createOpwire.js';

describe('close()', () => {
  it('flushes pending progress and disconnects every socket', async () => {
    const server = await startTestServer({ progressIntervalMs: 60_000 });
    const alice = await server.connect({ sub: 'alice' });
    const op = server.opwire.operation.start('job', { audience: { user: 'alice' } });
    op.progress(10);
    op.progress(77);
    const disconnected = new Promise((resolve) => alice.socket.on('disconnect', resolve));
    await server.opwire.close();
    await disconnected;
    const events = alice.operationEvents(op.id);
    const progress = events.filter((m) => m.topic === 'operation.progress');
    expect(progress.at(-1)?.payload).toEqual({ percent: 77 });
    // Still running at close, with no grace period: it ended before the socket was dropped.
    expect(events.at(-1)).toMatchObject({
      topic: 'operation.failed',
      payload: { error: { code: 'owner_shutdown' } },
    });
    await server.close();
  });

  it('fails new handshakes at the transport once closed, so clients retry elsewhere', async () => {
    const server = await startTestServer();
    await server.opwire.close();
    const late = await server.connect({ sub: 'bob' }, { waitHello: false });
    let failure: (Error & { data?: unknown }) | undefined;
    late.socket.on('connect_error', (error: Error & { data?: unknown }) => {
      failure = error;
    });
    await waitFor(() => failure !== undefined);
    // No opwire refusal code: a transport failure is what socket.io-client retries by itself.
    expect(failure?.data).toBeUndefined();
    expect(late.socket.connected).toBe(false);
    await server.close();
  });

  it('refuses handshakes with unavailable on a Socket.IO server you keep running, and drops the transport', async () => {
    const httpServer = createServer();
    const io = new Server(httpServer, { path: '/opwire/socket.io' });
    const opwire = createOpwire({ server: io, auth: testAuth });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    await opwire.close();
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    const late = createTestClient(url, { token: signToken({ sub: 'bob' }), v: 1, vmax: 2 });
    let refused: (Error & { data?: { code?: string } }) | undefined;
    let transportClosed = false;
    late.socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      refused = error;
    });
    late.socket.io.on('close', () => {
      transportClosed = true;
    });
    await waitFor(() => refused !== undefined && transportClosed);
    expect(refused?.data?.code).toBe('unavailable');
    late.close();
    await io.close();
  });

  it('leaves no handle open: a process that used opwire exits by itself', async () => {
    const probe = await bundleTestProcess(new URL('./support/closeProbe.ts', import.meta.url));
    const child = spawn(process.execPath, [probe], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 15_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(output).toContain('closed; op ended: failed owner_shutdown');
    expect(exitCode, `the probe did not exit on its own:\n${output}`).toBe(0);
  });
});
