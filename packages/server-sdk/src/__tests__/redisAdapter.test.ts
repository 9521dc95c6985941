import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { redisAdapter } from '../redis/redisAdapter.js';

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

const cleanups: Array<() => Promise<void> | void> = [];

describe.skipIf(skipReason !== null)('redisAdapter', () => {
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('announces a recovered link only once messages published to its rooms arrive again', async () => {
    const redisServer: RedisServerHandle = await startRedisServer();
    cleanups.push(() => redisServer.stop());
    const redis = new Redis(redisServer.url, { lazyConnect: false });
    redis.on('error', () => {});
    const adapter = redisAdapter({ redis });
    await adapter.ready?.();
    const http = createServer();
    const io = new Server(http, { adapter: adapter.createAdapter });
    io.on('connection', (socket) => socket.join('room-1'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      await io.close();
      await adapter.close?.();
      redis.disconnect();
    });
    const { port } = http.address() as AddressInfo;
    const client: Socket = connectClient(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
    cleanups.push(() => {
      client.close();
    });
    const received: number[] = [];
    client.on('ping-room', (value: number) => received.push(value));
    await waitFor(() => io.sockets.adapter.rooms.get('room-1')?.size === 1, 'the join', 5_000);

    await redisServer.restart();
    // A publisher that is connected before the adapter's subscriber comes back.
    const publisher = new Redis(redisServer.url);
    publisher.on('error', () => {});
    cleanups.push(() => {
      publisher.disconnect();
    });
    const emitter = new Emitter(publisher);
    // Listening before anything is awaited: the subscriber may come back during the ping.
    const recovered = new Promise<void>((resolve) => {
      adapter.onRecovered?.(() => {
        // Published the moment the adapter says it is back, it must be delivered. Holding the
        // thread afterwards lets Redis take the PUBLISH well before anything this process would
        // still send, so a subscription not yet re-made by then shows as a lost message.
        emitter.to('room-1').emit('ping-room', 1);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        resolve();
      });
    });
    await publisher.ping();
    await recovered;
    await waitFor(() => received.length > 0, 'the message published on recovery', 5_000);
    expect(received).toEqual([1]);
  }, 30_000);
});
