// `node bench/streamsAdapter.mjs [--messages=N] [--rate=N] [--cut-ms=N]`: Socket.IO's classic
// Redis adapter (pub/sub, the worker on @socket.io/redis-emitter) against its Redis Streams
// adapter (the worker on a headless Socket.IO server), in the same run on one private Redis.
// Two web nodes, one worker, one receiving client per node. Prints, per flavor: latency from
// the worker's emit to each client, CPU per message of each process and of Redis, Redis memory
// after the run, and how many messages node B's client lost while node B's link to Redis was
// cut. Asserts nothing.
import { createServer as createTcpServer, connect as tcpConnect } from 'node:net';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { killAllChildren, startChild } from './lib/children.mjs';
import { freePort } from './lib/freePort.mjs';
import { startPrivateRedis } from './lib/redisServer.mjs';
import { latencyPercentiles } from './lib/summary.mjs';

const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const MESSAGES = arg('messages', 5_000);
const RATE = arg('rate', 1_000);
const CUT_MS = arg('cut-ms', 2_000);
const LIFETIME_MS = 300_000;
process.on('exit', killAllChildren);

/** A TCP relay to Redis for node B: `cut(ms)` drops its connections and refuses new ones. */
async function startRelay(redisPort) {
  const live = new Set();
  let refuseUntil = 0;
  const port = await freePort();
  const server = createTcpServer((client) => {
    if (Date.now() < refuseUntil) return client.destroy();
    const upstream = tcpConnect(redisPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      live.add(socket);
      socket.on('close', () => live.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  return {
    url: `redis://127.0.0.1:${port}`,
    cut(ms) {
      refuseUntil = Date.now() + ms;
      for (const socket of live) socket.destroy();
    },
    close: () => server.close(),
  };
}

function receiver(port) {
  const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  const received = new Map();
  socket.on('m', ({ i, t }) => received.set(i, Date.now() - t));
  return { socket, received };
}

async function until(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return predicate();
}

/** Waits until no new message arrived for `quietMs` (or `timeoutMs` passed). */
async function settled(receivers, quietMs, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const total = receivers.reduce((sum, r) => sum + r.received.size, 0);
    if (total !== last) {
      last = total;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const cpuMs = (before, after) => (after.user - before.user + after.system - before.system) / 1000;

async function redisCpuMs(admin) {
  const info = await admin.info('cpu');
  const field = (name) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
}

async function redisMemory(admin) {
  const info = await admin.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function measure(flavor) {
  const redis = await startPrivateRedis(LIFETIME_MS);
  const redisPort = Number(new URL(redis.url).port);
  const relay = await startRelay(redisPort);
  const admin = new Redis(redis.url);
  const start = (role, redisUrl, name) =>
    startChild('adapterNode.mjs', {
      name,
      config: { role, flavor, redisUrl },
      lifetimeMs: LIFETIME_MS,
    });
  const [nodeA, nodeB, worker] = await Promise.all([
    start('node', redis.url, `${flavor} node A`),
    start('node', relay.url, `${flavor} node B`),
    start('worker', redis.url, `${flavor} worker`),
  ]);
  const clients = [receiver(nodeA.ready.port), receiver(nodeB.ready.port)];
  await until(() => clients.every((c) => c.socket.connected), 10_000);
  // Warm-up until both nodes deliver (a streams reader starts at the stream's end when it first reads).
  let next = -1_000_000;
  while (!clients.every((c) => c.received.size > 0)) {
    await worker.request('burst', { from: next, count: 10, rate: 100 });
    next += 10;
  }
  await settled(clients, 300, 5_000);
  for (const c of clients) c.received.clear();

  const memoryBefore = await redisMemory(admin);
  const cpuBefore = await Promise.all([nodeA, nodeB, worker].map((p) => p.request('cpu')));
  const redisBefore = await redisCpuMs(admin);
  await worker.request('burst', { from: 0, count: MESSAGES, rate: RATE }, 120_000);
  await settled(clients, 500, 30_000);
  const cpuAfter = await Promise.all([nodeA, nodeB, worker].map((p) => p.request('cpu')));
  const redisAfter = await redisCpuMs(admin);
  const memoryAfter = await redisMemory(admin);
  const latencies = clients.flatMap((c) => [...c.received.values()]);
  const steady = {
    delivered: clients.map((c) => c.received.size),
    latency: latencyPercentiles(latencies),
    cpuUsPerMessage: cpuBefore.map((before, k) => (cpuMs(before, cpuAfter[k]) * 1000) / MESSAGES),
    redisCpuUsPerMessage: ((redisAfter - redisBefore) * 1000) / MESSAGES,
    redisMemoryGrowthBytes: memoryAfter - memoryBefore,
  };

  // Node B's link to Redis is cut for CUT_MS in the middle of a burst.
  for (const c of clients) c.received.clear();
  const cutCount = Math.round((RATE * CUT_MS * 3) / 1000 / 2);
  const burst = worker.request('burst', { from: 0, count: cutCount, rate: RATE / 2 }, 120_000);
  await new Promise((r) => setTimeout(r, CUT_MS / 2));
  relay.cut(CUT_MS);
  await burst;
  await settled(clients, 2_000, CUT_MS + 30_000);
  const cut = { sent: cutCount, delivered: clients.map((c) => c.received.size) };

  for (const c of clients) c.socket.close();
  admin.disconnect();
  await Promise.all([nodeA, nodeB, worker].map((p) => p.kill()));
  relay.close();
  await redis.stop();
  return { flavor, steady, cut };
}

const load = () => loadavg()[0].toFixed(1);
console.log(
  `adapters: ${MESSAGES} messages at ${RATE}/s to one room, two nodes, one worker; node B cut off for ${CUT_MS} ms (load ${load()})`,
);
const results = [];
for (const flavor of ['pubsub', 'streams']) results.push(await measure(flavor));
console.log(`load after: ${load()}`);
const us = (n) => n.toFixed(0);
console.log(
  '| flavor | delivered A/B | p50 ms | p99 ms | node A µs/msg | node B µs/msg | worker µs/msg | Redis µs/msg | Redis memory after | cut: sent | cut: A / B got |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { flavor, steady, cut } of results) {
  const [a, b, w] = steady.cpuUsPerMessage;
  console.log(
    `| ${flavor} | ${steady.delivered.join(' / ')} | ${steady.latency.p50} | ${steady.latency.p99} | ${us(a)} | ${us(b)} | ${us(w)} | ${us(steady.redisCpuUsPerMessage)} | ${(steady.redisMemoryGrowthBytes / 1024).toFixed(0)} KiB | ${cut.sent} | ${cut.delivered.join(' / ')} |`,
  );
}
process.exit(0);
