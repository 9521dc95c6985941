// Measures how long followers wait, at the default lease (15 s) and sweep (5 s), between a worker
// being SIGKILLed in the middle of an operation and the operation ending `failed` with
// `owner_lost` on a client of a web node. Starts a private redis-server, one web node here and
// one worker process per run.
// Usage: node scripts/ownerLostTime.mjs [runs=3]   (needs the built packages: npm run build)
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { createOpwireClient } from '@opwire/client';
import { createOpwire } from '@opwire/server';
import { createOpwireEmitter, redisAdapter, redisStore } from '@opwire/server/redis';
import { Redis } from 'ioredis';

if (process.argv[2] === '--worker') {
  // The worker: starts one operation that reports progress until the process is killed.
  const emitter = await createOpwireEmitter({ redis: new Redis(process.env.REDIS_URL) });
  const op = emitter.operation.start('import', {
    id: process.env.OPERATION_ID,
    audience: { user: 'ann' },
  });
  await op.started;
  let percent = 0;
  setInterval(() => {
    percent = (percent + 1) % 100;
    op.progress(percent, 'working');
  }, 200);
  process.send?.('running');
} else {
  const runs = Number(process.argv[2] ?? 3);
  const port = await new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const redisServer = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise((resolve) =>
    redisServer.stdout.on('data', (d) => String(d).includes('Ready') && resolve()),
  );
  const url = `redis://127.0.0.1:${port}`;
  const redis = new Redis(url);
  const http = createServer();
  const opwire = createOpwire({
    server: http,
    allowAnonymous: true,
    auth: async ({ token }) => (token ? { userId: token, roles: [] } : null),
    store: redisStore({ redis }),
    adapter: redisAdapter({ redis }),
  });
  await opwire.ready();
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const client = createOpwireClient({
    url: `http://127.0.0.1:${http.address().port}`,
    token: 'ann',
    transports: ['websocket'],
    operationToasts: false,
  });
  const waits = [];
  for (let run = 1; run <= runs; run += 1) {
    const id = `lost-${run}`;
    const worker = fork(new URL(import.meta.url).pathname, ['--worker'], {
      env: { ...process.env, REDIS_URL: url, OPERATION_ID: id },
    });
    await once(worker, 'message');
    const handle = client.operation(id);
    await new Promise((resolve) => {
      const stop = handle.subscribe((snapshot) => {
        if (snapshot?.status === 'running' && snapshot.percent > 0) resolve(stop);
      });
    }).then((stop) => stop());
    const killedAt = Date.now();
    worker.kill('SIGKILL');
    const snapshot = await new Promise((resolve) => {
      const stop = handle.subscribe((current) => {
        if (current?.status === 'failed') {
          queueMicrotask(() => stop());
          resolve(current);
        }
      });
    });
    waits.push(Date.now() - killedAt);
    console.log(`run ${run}: ${snapshot.error?.code} after ${waits.at(-1)} ms`);
  }
  console.log(
    `owner_lost reached the follower ${Math.min(...waits)}–${Math.max(...waits)} ms after SIGKILL (lease 15000 ms, sweep every 5000 ms; bound 20000 ms)`,
  );
  client.close();
  await opwire.close();
  http.close();
  redis.disconnect();
  redisServer.kill('SIGKILL');
  await once(redisServer, 'exit');
}
