// Measures what opwire keeps in Redis: starts a private redis-server, stores N operations with
// E events each through redisStore (each owned, with its lease, as a running job's is) and reads
// INFO memory; then lets 10,000 operations end and expire with a short ttlMs and checks that
// used_memory comes back to its baseline.
// Usage: node scripts/redisFootprint.mjs [operations=2000] [eventsPerOperation=50] [expiring=10000]
// Needs the built packages (npm run build).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { redisStore } from '@opwire/server/redis';
import { Redis } from 'ioredis';

const operations = Number(process.argv[2] ?? 2000);
const eventsPerOperation = Number(process.argv[3] ?? 50);
const expiring = Number(process.argv[4] ?? 10_000);

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) =>
  server.stdout.on('data', (d) => String(d).includes('Ready') && resolve()),
);

const redis = new Redis(`redis://127.0.0.1:${port}`);
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))[1]);
const owner = { id: 'worker-1', leaseMs: 15_000, onLost: 'fail' };
const started = (id) => ({
  operationId: id,
  topic: 'operation.started',
  ts: Date.now(),
  payload: {
    type: 'user-import',
    status: 'running',
    title: 'User import',
    stages: ['parsing', 'validating', 'importing', 'finalizing'],
    audience: ['user:user-1234', 'tenant:acme'],
    tables: ['users'],
    estimatedDurationMs: 15000,
    stage: null,
    message: null,
  },
});
const progress = (id, e, total) => ({
  operationId: id,
  topic: 'operation.progress',
  ts: Date.now(),
  payload: {
    percent: (e / total) * 100,
    message: `Imported ${e * 20} rows`,
    details: { processed: e * 20 },
  },
});

// Part 1: memory per running operation, and appends per second.
const store = redisStore({ redis });
await store.epoch();
const before = await usedMemory();
const t0 = performance.now();
for (let i = 0; i < operations; i += 1) {
  const id = `op-${i}`;
  const { token } = await store.append(started(id), { claim: owner });
  for (let e = 1; e < eventsPerOperation; e += 1) {
    await store.append(progress(id, e, eventsPerOperation), { token });
  }
}
const elapsed = performance.now() - t0;
const after = await usedMemory();
const appends = operations * eventsPerOperation;
console.log(`operations: ${operations}, events per operation: ${eventsPerOperation}`);
console.log(`memory per running operation: ${Math.round((after - before) / operations)} bytes`);
console.log(
  `appends: ${appends} in ${Math.round(elapsed)} ms = ${Math.round(appends / (elapsed / 1000))} appends/s (one client, sequential)`,
);
await redis.flushall();

// Part 2: operations that ended and expired leave nothing behind.
const ttlMs = 2_000;
const expiringStore = redisStore({ redis, prefix: 'expiry:', ttlMs });
const runAndEnd = async (count, from) => {
  for (let i = from; i < from + count; i += 1) {
    const id = `end-${i}`;
    const { token } = await expiringStore.append(started(id), { claim: owner });
    for (let e = 1; e <= 5; e += 1) await expiringStore.append(progress(id, e, 5), { token });
    await expiringStore.append(
      {
        operationId: id,
        topic: 'operation.completed',
        ts: Date.now(),
        payload: { result: { imported: 100 } },
      },
      { token },
    );
  }
};
/** Waits until Redis expired every operation key, then prunes the indexes until they are empty. */
const expireAndPrune = async () => {
  const deadline = Date.now() + 120_000;
  while ((await redis.dbsize()) > 1 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Entries older than the TTL are checked against their (expired) keys and dropped.
    await expiringStore.prune();
  }
};
// Warm up: the scripts are cached and the epoch exists before the baseline is read.
await expiringStore.epoch();
await runAndEnd(10, 0);
await expireAndPrune();
const baseline = await usedMemory();
await runAndEnd(expiring, 10);
const loaded = await usedMemory();
const expiryStarted = performance.now();
await expireAndPrune();
const final = await usedMemory();
const change = ((final - baseline) / baseline) * 100;
console.log(
  `${expiring} operations ended (ttlMs ${ttlMs}): used_memory baseline ${baseline} B, with them ${loaded} B, after they expired ${final} B (${change >= 0 ? '+' : ''}${change.toFixed(2)} % of the baseline, ${await redis.dbsize()} keys left, back in ${Math.round(performance.now() - expiryStarted)} ms)`,
);

redis.disconnect();
server.kill('SIGKILL');
await once(server, 'exit');
if (Math.abs(change) > 5) {
  console.error('used_memory did not come back within 5 % of its baseline');
  process.exit(1);
}
