import type { OpwireError } from '@opwire/protocol';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpwireEmitter } from '../redis/createOpwireEmitter.js';
import { redisAdapter } from '../redis/redisAdapter.js';
import { redisKeys } from '../redis/redisKeys.js';
import { redisStore } from '../redis/redisStore.js';

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

/** Every PUBLISH Redis runs, with whether a script ran it, in the order Redis ran them. */
interface Published {
  channel: string;
  fromScript: boolean;
}

describe.skipIf(skipReason !== null)('events published by the commit that stores them', () => {
  let server: RedisServerHandle;
  let monitor: Redis;
  const published: Published[] = [];
  const cleanups: Array<() => Promise<unknown> | unknown> = [];

  beforeAll(async () => {
    server = await startRedisServer();
    monitor = await new Redis(server.url).monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (args[0]?.toLowerCase() === 'publish')
        published.push({ channel: args[1] ?? '', fromScript: source === 'lua' });
    });
  });
  afterAll(async () => {
    monitor?.disconnect();
    await server?.stop();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    published.length = 0;
  });

  function client(): Redis {
    const redis = new Redis(server.url);
    cleanups.push(() => redis.disconnect());
    return redis;
  }

  /** A web node whose store and adapter share `redis`, unless `adapterRedis` is given. */
  async function node(prefix: string, redis = client(), adapterRedis = redis): Promise<TestServer> {
    const web = await startTestServer({
      store: redisStore({ redis, prefix }),
      adapter: redisAdapter({ redis: adapterRedis }),
      progressIntervalMs: 0,
    });
    cleanups.push(() => web.close());
    return web;
  }

  /** Waits until the monitor has seen everything Redis ran before this call. */
  async function monitorCaughtUp(): Promise<void> {
    const mark = `mark-${Math.random()}`;
    await client().publish(mark, '');
    await waitFor(() => published.some((p) => p.channel === mark), 'the monitor mark', 5_000);
  }

  const adapterPublishes = () => published.filter((p) => p.channel.startsWith('socket.io#'));

  it('sends the events after the start from their append scripts, in seq order to both nodes', async () => {
    const [a, b] = [await node('poc1:'), await node('poc1:')];
    const onA = await a.connect({ sub: 'alice' });
    const onB = await b.connect({ sub: 'alice' });
    const op = a.opwire.operation.start('import', { audience: { user: 'alice' } });
    await onB.waitForMessage((m) => m.operationId === op.id);
    for (let percent = 1; percent <= 30; percent += 1) op.progress(percent);
    op.complete({ rows: 3 });
    expect(await op.done).toMatchObject({ status: 'succeeded', seq: 32 });
    for (const alice of [onA, onB]) {
      await alice.waitForMessage(
        (m) => m.operationId === op.id && m.topic === 'operation.completed',
      );
      expect(alice.operationEvents(op.id).map((e) => e.seq)).toEqual(
        Array.from({ length: 32 }, (_, i) => i + 1),
      );
    }
    await monitorCaughtUp();
    const fromScripts = adapterPublishes().filter((p) => p.fromScript);
    // The start empties the operation's room first, so it is sent after its commit. Each
    // script publishes the events it stores in one packet: progress that queued behind a
    // write reaches every socket, on both nodes, as one message.
    for (const alice of [onA, onB]) {
      expect(alice.operationPackets.length).toBeLessThan(32);
      expect(alice.operationPackets.reduce((sum, frames) => sum + frames, 0)).toBe(32);
    }
    expect(fromScripts).toHaveLength(onB.operationPackets.length - 1);
    expect(adapterPublishes().filter((p) => !p.fromScript).length).toBeLessThanOrEqual(2);
  });

  it('publishes nothing for an event the store refuses', async () => {
    const redis = client();
    const [a, b] = [await node('poc2:', redis), await node('poc2:')];
    const onB = await b.connect({ sub: 'alice' });
    const errors: OpwireError[] = [];
    a.opwire.events.on('error', (error) => errors.push(error));
    const op = a.opwire.operation.start('import', { audience: { user: 'alice' } });
    op.progress(10);
    await onB.waitForMessage((m) => m.operationId === op.id && m.seq === 2);
    await monitorCaughtUp();
    const before = adapterPublishes().length;
    // Another process takes the operation over: the token in Redis moves on.
    await redis.hincrby(redisKeys('poc2:', null).state(op.id), 'token', 1);
    op.progress(20);
    await waitFor(() => errors.some((e) => e.code === 'not_owner'), 'not_owner', 5_000);
    await monitorCaughtUp();
    expect(adapterPublishes()).toHaveLength(before);
    expect(onB.operationEvents(op.id).map((e) => e.seq)).toEqual([1, 2]);
  });

  it("publishes a worker's events from its append script too", async () => {
    const redis = client();
    const web = await node('poc3:');
    const alice = await web.connect({ sub: 'alice' });
    const worker = await createOpwireEmitter({
      redis,
      store: redisStore({ redis, prefix: 'poc3:' }),
      progressIntervalMs: 0,
    });
    cleanups.push(() => worker.close());
    const { id } = worker.operation.track(
      'export',
      async (op) => {
        for (let percent = 10; percent <= 50; percent += 10) op.progress(percent);
        return { files: 1 };
      },
      { audience: { user: 'alice' } },
    );
    await alice.waitForMessage((m) => m.operationId === id && m.topic === 'operation.completed');
    expect(alice.operationEvents(id).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await monitorCaughtUp();
    // Every packet after the start's came from a script.
    expect(adapterPublishes().filter((p) => p.fromScript)).toHaveLength(
      alice.operationPackets.length - 1,
    );
    expect(alice.operationPackets.length).toBeGreaterThanOrEqual(3);
  });

  it('publishes after the commit when the store and the adapter use different clients', async () => {
    const [a, b] = [await node('poc4:', client(), client()), await node('poc4:')];
    const onB = await b.connect({ sub: 'alice' });
    const op = a.opwire.operation.start('import', { audience: { user: 'alice' } });
    for (let percent = 1; percent <= 5; percent += 1) op.progress(percent);
    op.complete({});
    await onB.waitForMessage((m) => m.operationId === op.id && m.topic === 'operation.completed');
    expect(onB.operationEvents(op.id).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await monitorCaughtUp();
    expect(adapterPublishes().filter((p) => p.fromScript)).toEqual([]);
  });
});
