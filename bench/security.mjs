// `node bench/security.mjs [--seconds=N]`: what one hostile client costs everyone else.
// Prints figures; asserts nothing (the security suite in tests/reliability/security holds
// the bounds). Runs against the built packages.
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import { io } from 'socket.io-client';
import { killAllChildren, startChild } from './lib/children.mjs';
import { ensureBuilt } from './lib/ensureBuilt.mjs';
import { BENCH_JWT_SECRET } from './lib/identity.mjs';
import { latencyPercentiles } from './lib/summary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(
  process.argv.find((arg) => arg.startsWith('--seconds='))?.split('=')[1] ?? 10,
);
const MIB = 1024 * 1024;
process.on('exit', killAllChildren);
ensureBuilt(root, { build: !process.argv.includes('--no-build'), log: console.log });

const sign = (sub, tid) => jwt.sign({ sub, tid }, BENCH_JWT_SECRET, { expiresIn: 3600 });
const target = await startChild('securityTarget.mjs', {
  name: 'server',
  config: { policyDelayMs: 20, historyEvents: 200, messageBytes: 1000 },
  lifetimeMs: (seconds * 4 + 120) * 1000,
});
const { url, longId, hiddenId } = target.ready;

/** Another client's get latencies, one request every 10 ms for `durationMs`. */
async function bystanderLatencies(durationMs) {
  const socket = io(url, {
    path: '/opwire/socket.io',
    auth: { token: sign('bob', 'acme'), v: 1 },
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise((resolve) => socket.once('opwire:hello', resolve));
  const latencies = [];
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    const started = performance.now();
    await socket.emitWithAck('opwire:operation.get', { id: longId });
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  socket.disconnect();
  return latencyPercentiles(Float64Array.from(latencies));
}

const rows = [];
const quiet = await bystanderLatencies(seconds * 1000);
const rssBefore = (await target.request('rss')).rss;
rows.push(['bystander get, server quiet', quiet]);

const flooder = await startChild('resumeFlooder.mjs', {
  name: 'flooder',
  config: { url, longId, copies: 500, perSecond: 20 },
  lifetimeMs: (seconds * 4 + 120) * 1000,
});
await flooder.request('start');
const flooded = await bystanderLatencies(seconds * 1000);
const counts = await flooder.request('stop');
const rss = await target.request('rss');
rows.push(['bystander get, one socket flooding resumes', flooded]);

// Invisible and missing ids over HTTP, alternating, each from a principal of its own (so the
// per-principal rate limit does not answer instead).
const timings = { invisible: [], missing: [] };
for (let i = 0; i < 200; i += 1) {
  for (const [kind, id] of [
    ['invisible', hiddenId],
    ['missing', `missing-${i}`],
  ]) {
    const started = performance.now();
    const response = await fetch(`${url}/opwire/api/operations/${id}?rooms=project:7`, {
      headers: { authorization: `Bearer ${sign(`probe-${kind}-${i}`, 'acme')}` },
    });
    await response.text();
    timings[kind].push(performance.now() - started);
  }
}
const invisible = latencyPercentiles(Float64Array.from(timings.invisible));
const missing = latencyPercentiles(Float64Array.from(timings.missing));
const { dropped } = await target.request('counters');

const ms = (value) => `${value.toFixed(2)} ms`;
console.log(`\nopwire security figures (${seconds} s per phase)\n`);
console.log('| what | p50 | p99 | requests |');
console.log('| --- | --- | --- | --- |');
for (const [label, figures] of rows) {
  console.log(`| ${label} | ${ms(figures.p50)} | ${ms(figures.p99)} | ${figures.count} |`);
}
console.log(
  `| HTTP get of an invisible id (slow policy on a named room) | ${ms(invisible.p50)} | ${ms(invisible.p99)} | ${invisible.count} |`,
);
console.log(
  `| HTTP get of a missing id (same named room) | ${ms(missing.p50)} | ${ms(missing.p99)} | ${missing.count} |`,
);
console.log(
  `\nflooder: ${counts.sent} resumes sent (500 copies of one 200-event id each), ${counts.answered} answered, ${counts.limited} rate_limited, ${(counts.bytes / MIB).toFixed(1)} MiB received, ${counts.disconnected ? 'disconnected' : 'still connected'}; sockets dropped as slow readers: ${dropped}`,
);
console.log(
  `server RSS: ${(rssBefore / MIB).toFixed(1)} MiB before the flood, peak ${(rss.peak / MIB).toFixed(1)} MiB during it (+${((rss.peak - rssBefore) / MIB).toFixed(1)} MiB)`,
);
await flooder.kill();
await target.kill();
process.exit(0);
