// The server of bench/security.mjs: opwire with its default limits, a slow room policy, an
// operation with a long history and one nobody in the bench may see.
import { createServer } from 'node:http';
import { createOpwire, jwtAuth } from '@opwire/server';
import { BENCH_JWT_SECRET } from '../lib/identity.mjs';
import { childConfig, exitWithParent, serve } from './serve.mjs';

exitWithParent();
const config = childConfig();
const httpServer = createServer((req, res) => opwire.http(req, res));
const opwire = createOpwire({
  server: httpServer,
  auth: jwtAuth({
    secret: BENCH_JWT_SECRET,
    algorithms: ['HS256'],
    claims: (payload) => ({
      userId: String(payload.sub),
      tenantId: String(payload.tid),
      roles: [],
    }),
  }),
  progressIntervalMs: 0,
  rooms: {
    // A database call, as policies often are.
    'project:{projectId}': async () => {
      await new Promise((resolve) => setTimeout(resolve, config.policyDelayMs ?? 20));
      return false;
    },
  },
});
let dropped = 0;
opwire.events.on('connection.dropped', () => {
  dropped += 1;
});
await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = /** @type {import('node:net').AddressInfo} */ (httpServer.address());

const long = opwire.operation.start('long', { audience: { tenant: 'acme' } });
const text = 'x'.repeat(config.messageBytes ?? 1000);
for (let i = 1; i < (config.historyEvents ?? 200); i += 1) long.progress(i % 100, `${i} ${text}`);
const hidden = opwire.operation.start('hidden', {
  audience: { user: 'bob', rooms: ['project:7'] },
});
for (;;) {
  const snapshot = await opwire.operation.get(long.id);
  if (snapshot !== null && snapshot.seq >= (config.historyEvents ?? 200)) break;
  await new Promise((resolve) => setTimeout(resolve, 5));
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
sampler.unref();

serve(
  {
    rss: () => {
      const rss = process.memoryUsage().rss;
      const peak = Math.max(peakRss, rss);
      peakRss = rss;
      return { rss, peak };
    },
    counters: () => ({ dropped, stats: opwire.stats() }),
  },
  { url: `http://127.0.0.1:${address.port}`, longId: long.id, hiddenId: hidden.id },
);
