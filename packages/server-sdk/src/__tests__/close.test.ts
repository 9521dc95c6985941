import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './support/testServer.js';
import { waitFor } from './support/waitFor.js';

const here = fileURLToPath(new URL('.', import.meta.url));

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
    const progress = alice.operationEvents(op.id).filter((m) => m.topic === 'operation.progress');
    expect(progress.at(-1)?.payload).toEqual({ percent: 77 });
    await server.close();
  });

  it('refuses new sockets once closed', async () => {
    const server = await startTestServer();
    await server.opwire.close();
    const late = await server.connect({ sub: 'bob' }, { waitHello: false });
    let refused: unknown;
    late.socket.on('connect_error', (error: Error) => {
      refused = error;
    });
    await waitFor(() => refused !== undefined || late.socket.connected);
    expect(late.socket.connected).toBe(false);
    await server.close();
  });

  it('leaves no handle open: a process that used opwire exits by itself', async () => {
    const root = join(here, '../../../..');
    mkdirSync(join(root, '.test-results'), { recursive: true });
    const dir = mkdtempSync(join(root, '.test-results', 'close-'));
    const outfile = join(dir, 'probe.mjs');
    try {
      await build({
        entryPoints: [join(here, 'support/closeProbe.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        alias: { '@opwire/protocol': join(here, '../../../protocol/src/index.ts') },
        logLevel: 'silent',
      });
      const child = spawn(process.execPath, [outfile], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
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
      expect(output).toContain('closed; op ended: false');
      expect(exitCode, `the probe did not exit on its own:\n${output}`).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
