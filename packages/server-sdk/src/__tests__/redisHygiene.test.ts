import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOpwireEmitter, type OpwireEmitter } from '../redis/createOpwireEmitter.js';
import { redisStore } from '../redis/redisStore.js';
import type { EventDraft } from '../store/operationStore.js';

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

const started = (operationId: string, status: 'running' | 'queued' = 'running'): EventDraft => ({
  operationId,
  topic: 'operation.started',
  ts: Date.now(),
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
});
const draft = (operationId: string, topic: EventDraft['topic'], payload = {}): EventDraft =>
  ({ operationId, topic, ts: Date.now(), payload }) as EventDraft;

/** Redis Cluster's slot of a key: CRC16 (XMODEM) of its hash tag, or of the whole key. */
function keySlot(key: string): number {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(hashed)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

describe.skipIf(skipReason !== null)('Redis hygiene', () => {
  let server: RedisServerHandle;
  let redis: Redis;
  let counter = 0;
  const prefix = () => {
    counter += 1;
    return `h${counter}:`;
  };
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('runs every script on the keys of one hash slot, through a whole lifecycle', async () => {
    const scripts = [vi.spyOn(redis, 'evalsha'), vi.spyOn(redis, 'eval')];
    const store = redisStore({ redis, prefix: prefix() });
    const claim = { id: 'w1', leaseMs: 100, onLost: 'requeue' } as const;
    await store.epoch();
    await store.append(started('slot-a', 'queued'), { queue: 'imports' });
    await store.append(draft('slot-a', 'operation.progress', { status: 'running', attempt: 1 }), {
      claim,
    });
    await store.renew('slot-a', 1, 100);
    await store.append(draft('slot-a', 'operation.progress', { percent: 10 }), { token: 1 });
    await waitFor(async () => (await store.expiredLeases?.(10))?.length === 1, 'one expired lease');
    await store.append(draft('slot-a', 'operation.requeued', { message: 'worker died' }), {
      token: 1,
      leaseExpired: true,
      release: true,
    });
    await store.append(draft('slot-a', 'operation.cancelled'), {});
    const held = await store.get('slot-a');
    if (held === null) throw new Error('slot-a is gone');
    await store.restore?.({
      snapshot: { ...held, id: 'slot-b', status: 'running' },
      owner: { ...claim, token: 3, leaseUntil: null },
      queue: null,
      token: 3,
    });
    const calls = scripts.flatMap((spy) => spy.mock.calls) as unknown as [
      string,
      number,
      ...string[],
    ][];
    expect(calls.length).toBeGreaterThanOrEqual(8);
    for (const [, count, ...rest] of calls) {
      const keys = rest.slice(0, count);
      expect(new Set(keys.map(keySlot)).size, `keys ${keys.join(', ')}`).toBe(1);
    }
    for (const spy of scripts) spy.mockRestore();
  });

  it('reads the epoch in one round trip', async () => {
    const store = redisStore({ redis, prefix: prefix() });
    await store.epoch();
    const commands = vi.spyOn(redis, 'sendCommand');
    const epoch = await store.epoch();
    expect(commands).toHaveBeenCalledTimes(1);
    commands.mockRestore();
    expect(epoch).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('prunes the active and all indexes by score, beyond the newest listScanLimit entries', async () => {
    const p = prefix();
    const store = redisStore({ redis, prefix: p, ttlMs: 200, listScanLimit: 5 });
    for (let i = 0; i < 30; i += 1) {
      await store.append(started(`old-${i}`));
      // Ended without its index entries updated, as when a process dies between the two writes.
      await redis.del(`${p}{op:old-${i}}`, `${p}{op:old-${i}}:events`);
    }
    await store.append(started('alive'), { claim: { id: 'w', leaseMs: 60_000, onLost: 'fail' } });
    expect(await redis.zcard(`${p}all`)).toBe(31);
    await waitFor(
      async () => {
        await store.prune?.();
        return (await redis.zcard(`${p}all`)) === 1;
      },
      'old entries pruned',
      5_000,
    );
    expect(await redis.zrange(`${p}active`, 0, -1)).toEqual(['alive']);
  });

  it('ends a lost operation exactly once when several processes notice at the same moment', async () => {
    const p = prefix();
    const store = redisStore({ redis, prefix: p });
    await store.append(started('orphan'), { claim: { id: 'dead', leaseMs: 300, onLost: 'fail' } });
    const sweepers: OpwireEmitter[] = [];
    for (let i = 0; i < 4; i += 1) {
      const link = new Redis(server.url);
      sweepers.push(
        await createOpwireEmitter({
          redis: link,
          store: redisStore({ redis: link, prefix: p }),
          lifecycle: { sweepIntervalMs: 20 },
        }),
      );
    }
    await waitFor(
      async () => (await store.get('orphan'))?.status === 'failed',
      'the orphan to fail',
      10_000,
    );
    const history = await store.eventsAfter('orphan', 0);
    expect(history.status === 'events' && history.events.map((e) => e.topic)).toEqual([
      'operation.started',
      'operation.failed',
    ]);
    for (const sweeper of sweepers) await sweeper.close({ graceMs: 0 });
  });
});
