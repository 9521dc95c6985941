// Measures what opwire keeps in Redis per operation: starts a private redis-server,
// stores N operations with E events each through redisStore, and reads INFO memory.
// Usage: node scripts/redisFootprint.mjs [operations=2000] [eventsPerOperation=50]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { redisStore } from '@opwire/server/redis';
import { Redis } from 'ioredis';

const operations = Number(process.argv[2] ?? 2000);
const eventsPerOperation = Number(process.argv[3] ?? 50);

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
const store = redisStore({ redis });
await store.epoch();
const before = await usedMemory();
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
const t0 = performance.now();
for (let i = 0; i < operations; i += 1) {
  const id = `op-${i}`;
  await store.append(started(id));
  for (let e = 1; e < eventsPerOperation; e += 1) {
    await store.append({
      operationId: id,
      topic: 'operation.progress',
      ts: Date.now(),
      payload: {
        percent: (e / eventsPerOperation) * 100,
        message: `Imported ${e * 20} rows`,
        details: { processed: e * 20 },
      },
    });
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
redis.disconnect();
server.kill('SIGKILL');
await once(server, 'exit');
