import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { freePort } from '@opwire/test-kit/freePort';
import {
  PortTakenError,
  type RedisServerHandle,
  redisSkipReason,
  spawnOnFreePort,
  spawnRedis,
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

describe('free ports for test servers', () => {
  it('draws them below the range outgoing connections take their local ports from', async () => {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/);
    for (let i = 0; i < 20; i += 1) expect(await freePort()).toBeLessThan(Number(low));
  });
});

describe.skipIf(skipReason !== null)('a port taken before redis-server binds it', () => {
  const holders: Server[] = [];
  afterAll(() => {
    for (const holder of holders) holder.close();
  });

  it('is a PortTakenError from spawnRedis, and spawnOnFreePort moves on to another port', async () => {
    const taken: number[] = [];
    const started = await spawnOnFreePort(async (port) => {
      if (taken.length < 2) {
        taken.push(port);
        const holder = createServer();
        holders.push(holder);
        await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
      }
      return spawnRedis(port);
    });
    await expect(spawnRedis(taken[0] as number)).rejects.toBeInstanceOf(PortTakenError);
    expect(taken).toHaveLength(2);
    expect(taken).not.toContain(started.port);
    const redis = new Redis(started.port, '127.0.0.1', { maxRetriesPerRequest: 0 });
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
    started.child.kill('SIGKILL');
  });
});
