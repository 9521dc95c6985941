import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { startTestServer } from '@opwire/test-kit/testServer';
import { type Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisStore } from '../redis/redisStore.js';

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
    // Each batch reached the socket as one packet.
    expect(alice.operationPackets.length).toBeLessThan(20);
    expect(alice.operationPackets.reduce((sum, frames) => sum + frames, 0)).toBe(103);
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
});
