import type { Envelope } from '@opwire/protocol';
import {
  type RedisClusterHandle,
  redisClusterSkipReason,
  startRedisCluster,
} from '@opwire/test-kit/redisCluster';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type Relay, startRelay } from '../../../../tests/reliability/chaos/relay.js';
import { createOpwireEmitter, type OpwireEmitter } from '../redis/createOpwireEmitter.js';
import { redisAdapter } from '../redis/redisAdapter.js';

const skipReason = redisSkipReason();
const clusterSkipReason = redisClusterSkipReason();
for (const reason of [skipReason, clusterSkipReason]) if (reason) console.warn(reason);

const notes = (messages: Envelope[]) =>
  messages.filter((m) => m.topic === 'note').map((m) => (m.payload as { n: number }).n);

describe.skipIf(skipReason !== null)('delivery between nodes through a Redis stream', () => {
  let server: RedisServerHandle;
  let relay: Relay;
  const redisClients: Redis[] = [];
  const nodes: TestServer[] = [];
  let worker: OpwireEmitter;

  const client = (url: string) => {
    const redis = new Redis(url);
    redis.on('error', () => {});
    redisClients.push(redis);
    return redis;
  };

  afterAll(async () => {
    await worker?.close({ graceMs: 0 });
    await Promise.all(nodes.map((node) => node.close()));
    for (const redis of redisClients) redis.disconnect();
    await relay?.close();
    await server?.stop();
  });

  it("brings a worker's events to a node whose link to Redis was cut, once it is back", async () => {
    server = await startRedisServer();
    // Node B reaches Redis through a relay that can cut it off; node A and the worker directly.
    relay = await startRelay(() => [server.port]);
    const redisB = client(relay.url.replace('http:', 'redis:'));
    for (const redis of [client(server.url), redisB]) {
      nodes.push(await startTestServer({ adapter: redisAdapter({ redis, streams: {} }) }));
    }
    worker = await createOpwireEmitter({ redis: client(server.url), streams: {} });
    const [onA, onB] = await Promise.all(
      nodes.map((node) => node.connect({ sub: 'u1', tid: 't1' })),
    );
    const [a, b] = [onA, onB].map((c) => c?.messages ?? []) as [Envelope[], Envelope[]];
    // A streams reader starts at the end of the stream when it first reads: warm up until both do.
    for (let n = -1; notes(a).length === 0 || notes(b).length === 0; n -= 1) {
      worker.to({ user: 'u1' }).emit('note', { n });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    a.length = 0;
    b.length = 0;

    relay.pause(1_500);
    await waitFor(() => redisB.status !== 'ready', "node B's link to drop", 5_000);
    const sent = Array.from({ length: 20 }, (_, n) => n);
    for (const n of sent) worker.to({ user: 'u1' }).emit('note', { n });
    const op = worker.operation.start('job', { audience: { user: 'u1' } });
    op.progress(50);
    op.complete();

    await waitFor(() => notes(a).length === sent.length, 'node A to deliver', 10_000);
    await waitFor(() => notes(b).length >= sent.length, 'node B to catch up', 20_000);
    expect(notes(a)).toEqual(sent);
    expect(notes(b)).toEqual(sent);
    // The operation's events too, in order, with no resume asked for.
    await op.done;
    const ofOp = (messages: Envelope[]) =>
      messages.filter((m) => m.operationId === op.id).map((m) => `${m.seq} ${m.topic}`);
    const events = ['1 operation.started', '2 operation.progress', '3 operation.completed'];
    await waitFor(
      () => ofOp(b).length >= events.length,
      "node B to deliver the operation's events",
      10_000,
    );
    expect(ofOp(a)).toEqual(events);
    expect(ofOp(b)).toEqual(events);
  }, 40_000);
});

describe.skipIf(clusterSkipReason !== null)('a Redis stream on a Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  const closers: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await cluster?.stop();
  });

  it('carries every message of the namespace through one key, on one master', async () => {
    cluster = await startRedisCluster();
    const connect = () => {
      const redis = cluster.client();
      redis.on('error', () => {});
      closers.push(() => redis.disconnect());
      return redis;
    };
    const nodes: TestServer[] = [];
    for (let i = 0; i < 2; i += 1) {
      const node = await startTestServer({
        adapter: redisAdapter({ redis: connect(), streams: {} }),
      });
      closers.push(() => node.close());
      nodes.push(node);
    }
    const worker = await createOpwireEmitter({ redis: connect(), streams: {} });
    closers.push(() => worker.close({ graceMs: 0 }));
    const clients = await Promise.all(nodes.map((node) => node.connect({ sub: 'u1', tid: 't1' })));
    for (let n = 0; !clients.every((c) => notes(c.messages).length > 0); n += 1) {
      worker.to({ user: 'u1' }).emit('note', { n });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const admin = connect();
    await admin.ping();
    const lengths = await Promise.all(
      admin.nodes('master').map((master) => master.xlen('socket.io').catch(() => 0)),
    );
    expect(lengths.filter((length) => length > 0)).toHaveLength(1);
  }, 60_000);
});
