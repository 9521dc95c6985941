import { redisBackends } from '@opwire/test-kit/redisBackends';
import { redisSkipReason } from '@opwire/test-kit/redisServer';
import { startTestServer } from '@opwire/test-kit/testServer';
import { type Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it as itBase, vi } from 'vitest';
import { createOpwireEmitter } from '../redis/createOpwireEmitter.js';
import { redisKeys } from '../redis/redisKeys.js';
import { redisStore } from '../redis/redisStore.js';
import type { EventDraft } from '../store/operationStore.js';

const started = (operationId: string): EventDraft => ({
  operationId,
  topic: 'operation.started',
  ts: 1,
  payload: {
    type: 't',
    status: 'running',
    title: null,
    stages: null,
    audience: ['user:u'],
    tables: [],
    estimatedDurationMs: null,
    stage: null,
    message: null,
  },
});
const progress = (operationId: string, percent: number): EventDraft => ({
  operationId,
  topic: 'operation.progress',
  ts: 2,
  payload: { percent },
});

describe.each(redisBackends())('redisStore on $name', (backend) => {
  const skipReason = backend.skipReason();
  if (skipReason) console.warn(skipReason);
  let redis: Redis | Cluster;
  let prefixCounter = 0;
  const prefix = () => {
    prefixCounter += 1;
    return `t${prefixCounter}:`;
  };
  /** The keys a store with the default layout for this backend writes. */
  const keysOf = (p: string) => redisKeys(p, backend.cluster ? 16 : null);

  beforeAll(async () => {
    if (skipReason) return;
    await backend.start();
    redis = backend.client();
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await backend.stop();
  });
  const it = skipReason ? itBase.skip : itBase;

  it('never gives two nodes the same seq, and leaves no gap, when both append to one operation', async () => {
    const p = prefix();
    const other = redis.duplicate();
    const nodes = [redisStore({ redis, prefix: p }), redisStore({ redis: other, prefix: p })];
    await nodes[0]?.append(started('race'));
    // Each node appends its events one after another, as one process does; the two nodes race.
    const appendMany = async (index: number) => {
      const seqs: number[] = [];
      for (let i = 0; i < 100; i += 1) {
        const result = await nodes[index]?.append(progress('race', i));
        seqs.push(result?.status === 'appended' ? result.event.seq : -1);
      }
      return seqs;
    };
    const [a, b] = await Promise.all([appendMany(0), appendMany(1)]);
    const all = [...(a ?? []), ...(b ?? [])].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    const history = await nodes[1]?.eventsAfter('race', 1);
    expect(history?.status === 'events' && history.events.map((e) => e.seq)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 2),
    );
    other.disconnect();
  });

  it('appends with one round trip after its own commit, and reads again when another store moved on', async () => {
    const p = prefix();
    const other = redis.duplicate();
    const mine = redisStore({ redis, prefix: p });
    const theirs = redisStore({ redis: other, prefix: p });
    await mine.append(started('cas'));
    const reads = vi.spyOn(redis, 'hmget');
    for (let i = 1; i <= 5; i += 1) await mine.append(progress('cas', i));
    expect(reads).not.toHaveBeenCalled();
    expect(await theirs.append(progress('cas', 50))).toMatchObject({ event: { seq: 7 } });
    expect(await mine.append(progress('cas', 60))).toMatchObject({
      status: 'appended',
      event: { seq: 8 },
      snapshot: { seq: 8, percent: 60 },
    });
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    const history = await mine.eventsAfter('cas', 0);
    expect(history.status === 'events' && history.events.map((e) => e.seq)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    other.disconnect();
  });

  it('writes a batch of progress in one round trip after its own commit, in seq order, or nothing', async () => {
    const p = prefix();
    const store = redisStore({ redis, prefix: p });
    const owner = { id: 'node-1', leaseMs: 15_000, onLost: 'fail' } as const;
    await store.append(started('b'), { claim: owner });
    const scripts = vi.spyOn(redis, 'evalsha');
    const batch = await store.appendBatch?.(
      [1, 2, 3, 4].map((i) => progress('b', i * 10)),
      { token: 1 },
    );
    expect(scripts).toHaveBeenCalledTimes(1);
    scripts.mockRestore();
    expect(batch?.events.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(batch?.snapshots.map((s) => s.percent)).toEqual([10, 20, 30, 40]);
    expect(await store.get('b')).toMatchObject({ seq: 5, percent: 40 });
    const history = await store.eventsAfter('b', 2);
    expect(history.status === 'events' && history.events.map((e) => e.seq)).toEqual([3, 4, 5]);
    // Another owner's token, or another process's write in between: nothing is written.
    expect(await store.appendBatch?.([progress('b', 50), progress('b', 60)], { token: 2 })).toBe(
      null,
    );
    const other = redis.duplicate();
    await redisStore({ redis: other, prefix: p }).append(progress('b', 70), { token: 1 });
    expect(await store.appendBatch?.([progress('b', 80), progress('b', 90)], { token: 1 })).toBe(
      null,
    );
    expect(await store.get('b')).toMatchObject({ seq: 6, percent: 70 });
    other.disconnect();
  });

  it('keeps the last N events, trims the rest and says when history is gone', async () => {
    const store = redisStore({ redis, prefix: prefix(), historyLimit: 5 });
    await store.append(started('h'));
    for (let i = 1; i <= 9; i += 1) await store.append(progress('h', i));
    const events = await store.eventsAfter('h', 6);
    expect(events.status === 'events' && events.events.map((e) => e.seq)).toEqual([7, 8, 9, 10]);
    expect((await store.eventsAfter('h', 2)).status).toBe('history_gone');
    // Exactly five are kept: from seq 6 on, not 5.
    expect((await store.eventsAfter('h', 5)).status).toBe('events');
    expect((await store.eventsAfter('h', 4)).status).toBe('history_gone');
    // A batch that takes the history past the limit is trimmed the same way.
    await store.appendBatch?.([progress('h', 10), progress('h', 11), progress('h', 12)], {});
    const afterBatch = await store.eventsAfter('h', 8);
    expect(afterBatch.status === 'events' && afterBatch.events.map((e) => e.seq)).toEqual([
      9, 10, 11, 12, 13,
    ]);
    expect((await store.eventsAfter('h', 7)).status).toBe('history_gone');
  });

  it('keeps a running operation for its lease plus the TTL, an ended one for the TTL, and drops it from the active list', async () => {
    const p = prefix();
    const store = redisStore({ redis, prefix: p, ttlMs: 60_000 });
    const keys = keysOf(p);
    const owner = { id: 'node-1', leaseMs: 15_000, onLost: 'fail' } as const;
    await store.append(started('t'), { claim: owner });
    // Running: nothing lives for ever, the key outlives the lease by the TTL.
    expect(await redis.pttl(keys.state('t'))).toBeGreaterThan(74_000);
    expect(await redis.pttl(keys.state('t'))).toBeLessThanOrEqual(75_000);
    expect((await store.list({ status: 'active', limit: 10 })).map((s) => s.id)).toEqual(['t']);
    await store.append(
      { operationId: 't', topic: 'operation.completed', ts: 3, payload: {} },
      { token: 1 },
    );
    const ttl = await redis.pttl(keys.state('t'));
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await redis.pttl(keys.events('t'))).toBeGreaterThan(59_000);
    expect(await store.list({ status: 'active', limit: 10 })).toEqual([]);
    expect((await store.append(progress('t', 1))).status).toBe('ended');
    expect((await store.append(started('t'))).status).toBe('conflict');
  });

  it('keeps its epoch across store instances (node restarts) and renews it when Redis lost it', async () => {
    const p = prefix();
    const first = await redisStore({ redis, prefix: p }).epoch();
    expect(await redisStore({ redis, prefix: p }).epoch()).toBe(first);
    await redis.del(keysOf(p).epoch(0));
    expect(await redisStore({ redis, prefix: p }).epoch()).not.toBe(first);
  });

  it('restores a lost running operation so later events continue its seq', async () => {
    const p = prefix();
    const store = redisStore({ redis, prefix: p });
    const result = await store.append(started('r'));
    if (result.status !== 'appended') throw new Error('not appended');
    await redis.del(keysOf(p).state('r'));
    await redis.del(keysOf(p).events('r'));
    expect((await store.append(progress('r', 5))).status).toBe('not_found');
    await store.restore?.({ snapshot: result.snapshot, owner: null, queue: null, token: 0 });
    const after = await store.append(progress('r', 5));
    expect(after).toMatchObject({ status: 'appended', event: { seq: 2 } });
  });
});

const singleSkip = redisSkipReason();
describe.skipIf(singleSkip !== null)('redisStore without Redis', () => {
  itBase('fails fast with a clear error when Redis cannot be reached', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    dead.on('error', () => {});
    await expect(redisStore({ redis: dead }).ready?.()).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('cannot reach Redis'),
    });
    await expect(createOpwireEmitter({ redis: dead })).rejects.toMatchObject({
      code: 'unavailable',
    });
    const web = await startTestServer({ store: redisStore({ redis: dead }) });
    await expect(web.opwire.ready()).rejects.toMatchObject({ code: 'unavailable' });
    await web.close();
    dead.disconnect();
  });

  itBase('refuses options that are not an ioredis client', () => {
    expect(() => redisStore({ redis: {} as Redis })).toThrow(/needs an ioredis client/);
  });
});
