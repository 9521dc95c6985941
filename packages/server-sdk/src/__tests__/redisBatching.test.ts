import { type Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '../../../../tests/support/redisServer.js';
import { redisStore } from '../redis/redisStore.js';
import { startTestServer } from './support/testServer.js';

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('progress batched on the Redis store', () => {
  let server: RedisServerHandle;
  let redis: Redis | Cluster;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('writes progress that queued behind a write together, and clients see every seq in order', async () => {
    const web = await startTestServer({
      store: redisStore({ redis, prefix: 'batch:' }),
      progressIntervalMs: 0,
    });
    const alice = await web.connect({ sub: 'alice' });
    const scripts = vi.spyOn(redis, 'evalsha');
    const op = web.opwire.operation.start('import', { audience: { user: 'alice' } });
    for (let percent = 1; percent <= 99; percent += 1) op.progress(percent);
    op.stage('finalizing');
    op.progress(99, 'after the stage');
    op.complete({ rows: 1 });
    const final = await op.done;
    expect(final).toMatchObject({ status: 'succeeded', seq: 103 });
    // Far fewer writes than events: the start, a few batches, the stage, the end.
    expect(scripts.mock.calls.length).toBeLessThan(20);
    scripts.mockRestore();
    await alice.waitForMessage((m) => m.operationId === op.id && m.topic === 'operation.completed');
    const events = alice.operationEvents(op.id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 103 }, (_, i) => i + 1));
    expect(events.at(-3)).toMatchObject({
      topic: 'operation.progress',
      payload: { stage: 'finalizing' },
    });
    const history = await redisStore({ redis, prefix: 'batch:' }).eventsAfter(op.id, 0);
    expect(history.status === 'events' && history.events.map((e) => e.seq)).toEqual(
      events.map((e) => e.seq),
    );
    await web.close();
  });

  /** Runs `op` with Redis paused for writes until two append scripts are on their way. */
  async function twoBatchesInFlight(prefix: string, beforePause?: (id: string) => Promise<void>) {
    const web = await startTestServer({
      store: redisStore({ redis, prefix }),
      progressIntervalMs: 0,
    });
    const alice = await web.connect({ sub: 'alice' });
    const admin = new Redis(server.url);
    const op = web.opwire.operation.start('import', { audience: { user: 'alice' } });
    await op.started;
    await beforePause?.(op.id);
    const scripts = vi.spyOn(redis, 'evalsha');
    await admin.client('PAUSE', 10_000, 'WRITE');
    try {
      op.progress(10);
      await vi.waitFor(() => expect(scripts).toHaveBeenCalledTimes(1));
      op.progress(20);
      op.progress(30);
      // The second batch goes out while the first one's script is still held by Redis.
      await vi.waitFor(() => expect(scripts).toHaveBeenCalledTimes(2));
    } finally {
      await admin.client('UNPAUSE');
    }
    op.progress(40);
    op.complete({ rows: 1 });
    const final = await op.done;
    scripts.mockRestore();
    await alice.waitForMessage((m) => m.operationId === op.id && m.topic === 'operation.completed');
    const seen = alice.operationEvents(op.id);
    const history = await redisStore({ redis, prefix }).eventsAfter(op.id, 0);
    admin.disconnect();
    await web.close();
    return { final, seen, history };
  }

  it('appends the next batch behind one still in flight, and every seq arrives once, in order', async () => {
    const { final, seen, history } = await twoBatchesInFlight('pipelined:');
    expect(final).toMatchObject({ status: 'succeeded', seq: 6, percent: 100 });
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.map((e) => e.payload)).toMatchObject([
      {},
      { percent: 10 },
      { percent: 20 },
      { percent: 30 },
      { percent: 40 },
      {},
    ]);
    expect(history.status === 'events' && history.events.map((e) => e.seq)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });

  it('when the batch ahead is refused, the one behind it is too, and both are appended one by one', async () => {
    const prefix = 'pipelined-lost:';
    // The store loses the operation: both batches are refused, the run restores it and appends
    // their events one at a time.
    const { final, seen, history } = await twoBatchesInFlight(prefix, async (id) => {
      await redis.del(`${prefix}{op:${id}}`, `${prefix}{op:${id}}:events`);
    });
    expect(final).toMatchObject({ status: 'succeeded', seq: 6 });
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.slice(1, 4).map((e) => e.payload)).toMatchObject([
      { percent: 10 },
      { percent: 20 },
      { percent: 30 },
    ]);
    // The restored record holds the state, not the history the store lost.
    expect(history).toMatchObject({
      status: 'history_gone',
      snapshot: { seq: 6, status: 'succeeded' },
    });
  });
});
