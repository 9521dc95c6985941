import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('private redis-server helper', () => {
  let server: RedisServerHandle;

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs on its own port, not the shared 6379', () => {
    expect(server.port).not.toBe(6379);
    expect(server.running).toBe(true);
  });

  it('connects, sets and gets, then shuts down', async () => {
    const redis = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await redis.connect();
    await redis.set('opwire:test', 'hello');
    expect(await redis.get('opwire:test')).toBe('hello');
    const info = await redis.config('GET', 'save');
    expect(info).toEqual(['save', '']);
    redis.disconnect();

    await server.stop();
    expect(server.running).toBe(false);
    const probe = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {});
    await expect(probe.connect()).rejects.toThrow();
    probe.disconnect();
  });

  it('restarts on the same port with an empty data set', async () => {
    await server.restart();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0 });
    expect(await redis.get('opwire:test')).toBeNull();
    redis.disconnect();
  });
});
