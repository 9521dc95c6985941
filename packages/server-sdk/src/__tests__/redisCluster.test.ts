import {
  type RedisClusterHandle,
  redisClusterSkipReason,
  startRedisCluster,
} from '@opwire/test-kit/redisCluster';
import { waitFor } from '@opwire/test-kit/waitFor';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisStore } from '../redis/redisStore.js';
import type { EventDraft } from '../store/operationStore.js';

const skipReason = redisClusterSkipReason();
if (skipReason) console.warn(skipReason);

const started = (operationId: string, ts: number, status: 'running' | 'queued' = 'running') =>
  ({
    operationId,
    topic: 'operation.started',
    ts,
    payload: {
      type: 't',
      status,
      title: null,
      stages: null,
      audience: ['user:u'],
      tables: [],
      estimatedDurationMs: null,
      stage: null,
      message: null,
    },
  }) as EventDraft;
const draft = (operationId: string, topic: EventDraft['topic'], payload = {}): EventDraft =>
  ({ operationId, topic, ts: Date.now(), payload }) as EventDraft;

describe.skipIf(skipReason !== null)('redisStore on a Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let redis: Cluster;
  let counter = 0;
  const prefix = () => {
    counter += 1;
    return `c${counter}:`;
  };

  beforeAll(async () => {
    cluster = await startRedisCluster();
    redis = cluster.client();
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  });

  it('spreads operations over every master, and lists the newest first across them', async () => {
    const store = redisStore({ redis, prefix: prefix(), listScanLimit: 25 });
    const ids = Array.from({ length: 60 }, (_, i) => `list-${i}`);
    for (const [i, id] of ids.entries()) await store.append(started(id, 1_000 + i));
    for (const id of ids.slice(0, 30))
      await store.append(draft(id, 'operation.completed', { result: null }));
    const sizes = await Promise.all(redis.nodes('master').map((node) => node.dbsize()));
    expect(
      sizes.every((size) => size > 0),
      `keys per master ${sizes.join(', ')}`,
    ).toBe(true);
    const newest = [...ids].reverse();
    const all = await store.list({ status: 'all', limit: 10 });
    expect(all.map((s) => s.id)).toEqual(newest.slice(0, 10));
    // Bounded: list() looks through the newest listScanLimit operations only.
    expect((await store.list({ status: 'all', limit: 100 })).map((s) => s.id)).toEqual(
      newest.slice(0, 25),
    );
    const active = await store.list({ status: 'active', limit: 100 });
    expect(active.map((s) => s.id)).toEqual(newest.slice(0, 25));
  });

  it('notices a master that lost its data for the operations it held only', async () => {
    const p = prefix();
    const store = redisStore({ redis, prefix: p });
    const ids = Array.from({ length: 24 }, (_, i) => `shard-${i}`);
    for (const id of ids) await store.append(started(id, Date.now()));
    const before = await store.epoch();
    await cluster.stopNode(1);
    await cluster.startNode(1);
    let after = before;
    await waitFor(
      async () => {
        after = await store.epoch().catch(() => before);
        return after !== before;
      },
      'the epoch after the restart',
      10_000,
    );
    const lost: string[] = [];
    const kept: string[] = [];
    for (const id of ids) {
      const snapshot = await store.get(id);
      const changed = store.epochOf?.(before, id) !== store.epochOf?.(after, id);
      expect(changed, `${id} ${snapshot ? 'kept' : 'lost'}`).toBe(snapshot === null);
      (snapshot === null ? lost : kept).push(id);
    }
    expect(lost.length).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(0);
  });

  it('runs queues, leases and sweeps on groups spread over the masters', async () => {
    const store = redisStore({ redis, prefix: prefix() });
    const claim = { id: 'w1', leaseMs: 100, onLost: 'fail' } as const;
    const ids = Array.from({ length: 12 }, (_, i) => `q-${i}`);
    for (const id of ids) await store.append(started(id, Date.now(), 'queued'), { queue: 'jobs' });
    expect(new Set(await store.queuedBefore('jobs', Date.now() + 1, 100))).toEqual(new Set(ids));
    expect(await store.queuedBefore('jobs', Date.now() + 1, 5)).toHaveLength(5);
    for (const id of ids)
      await store.append(draft(id, 'operation.progress', { status: 'running', attempt: 1 }), {
        claim,
      });
    expect(await store.queuedBefore('jobs', Date.now() + 1, 100)).toEqual([]);
    await waitFor(
      async () => (await store.expiredLeases?.(100))?.length === ids.length,
      'every lease expired',
      5_000,
    );
    for (const id of ids)
      await store.append(
        draft(id, 'operation.failed', { error: { code: 'owner_lost', message: 'gone' } }),
        {
          token: 1,
          leaseExpired: true,
        },
      );
    expect(await store.expiredLeases?.(100)).toEqual([]);
    await store.prune?.();
  });

  it('tells whether a cancel request reached a process, whichever node it was published on', async () => {
    const p = prefix();
    const listener = redisStore({ redis: redis.duplicate(), prefix: p });
    const heard: string[] = [];
    listener.cancelRelay?.listen((id) => heard.push(id));
    const sender = redisStore({ redis, prefix: p });
    await waitFor(
      async () => (await sender.cancelRelay?.request('x', 'r')) === true,
      'a relayed cancel',
    );
    await waitFor(() => heard.includes('x'), 'the relayed request', 5_000);
    await listener.close();
    const alone = redisStore({ redis, prefix: prefix() });
    const spy = vi.spyOn(redis, 'publish');
    expect(await alone.cancelRelay?.request('y', 'r')).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
