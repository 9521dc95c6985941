// Run as its own process: starts a server with opwire, connects a client, runs
// an operation, then closes everything without calling process.exit(). The
// process must end by itself, which it only does when no handle is left open.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpwire } from '@opwire/server';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import { io } from 'socket.io-client';

const httpServer = createServer();
const opwire = createOpwire({ server: httpServer, auth: testAuth });
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const { port } = httpServer.address() as AddressInfo;
const client = io(`http://127.0.0.1:${port}`, {
  path: '/opwire/socket.io',
  auth: { token: signToken({ sub: 'alice' }, { expiresInSec: 3600 }), v: 1, vmax: 2 },
  transports: ['websocket'],
  reconnection: false,
});
await new Promise<void>((resolve) => client.on('opwire:hello', () => resolve()));
const op = opwire.operation.start('probe', { audience: { user: 'alice' } });
for (let i = 0; i < 1000; i += 1) op.progress(i / 10);
const { done } = opwire.operation.track('probe2', async (reporter) => reporter.progress(5), {
  audience: { user: 'alice' },
});
await done;
// The manual operation is still running: with no grace period it ends at once, owner_shutdown.
await opwire.close({ graceMs: 0 });
client.disconnect();
await new Promise<void>((resolve) => httpServer.close(() => resolve()));
const final = await op.done;
process.stdout.write(`closed; op ended: ${final.status} ${final.error?.code}\n`);
