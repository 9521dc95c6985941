import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderedPublisher } from '../redis/orderedPublisher.js';
import { orderedSender, type Publish } from '../redis/orderedSender.js';

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('publishing while ioredis checks a new connection', () => {
  let redis: RedisServerHandle;
  let subscriber: Redis;
  const received: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    subscriber = new Redis(redis.url);
    subscriber.on('message', (_channel: string, message: string) => received.push(message));
    await subscriber.subscribe('window');
  });

  afterAll(async () => {
    subscriber?.disconnect();
    await redis?.stop();
  });

  /**
   * Publishes `before` while the connection is being made, and `during` as it
   * enters its ready check (the `connect` status); returns what arrived.
   */
  async function publishAcrossReadyCheck(publishWith: (client: Redis) => Publish) {
    const client = new Redis(redis.url, { lazyConnect: true });
    const publish = publishWith(client);
    const before = ['before 1', 'before 2'];
    const during = ['during 1', 'during 2'];
    const sent: Promise<number>[] = [];
    const entered = new Promise<void>((resolve) =>
      client.once('connect', () => {
        expect(client.status).toBe('connect');
        for (const message of during) sent.push(publish('window', message));
        resolve();
      }),
    );
    for (const message of before) sent.push(publish('window', message));
    await entered;
    await Promise.all(sent);
    await waitFor(() => received.length === sent.length, 'messages delivered', 5_000);
    client.disconnect();
    return { sent: [...before, ...during], arrived: received.splice(0) };
  }

  it('lets a bare ioredis client reorder them (the window exists)', async () => {
    const { sent, arrived } = await publishAcrossReadyCheck(
      (client) => (channel, message) => client.publish(channel, message),
    );
    expect(arrived).toHaveLength(sent.length);
    expect(arrived).not.toEqual(sent);
  });

  it('keeps their order through orderedSender', async () => {
    const { sent, arrived } = await publishAcrossReadyCheck((client) => orderedSender(client));
    expect(arrived).toEqual(sent);
  });

  it('keeps their order through orderedPublisher on one Redis server', async () => {
    const { sent, arrived } = await publishAcrossReadyCheck((client) => {
      const publisher = orderedPublisher(client);
      return (channel, message) => publisher.publish(channel, message);
    });
    expect(arrived).toEqual(sent);
  });

  it('keeps the order across a reconnect, behind what ioredis queued while offline', async () => {
    const client = new Redis(redis.url);
    await new Promise((resolve) => client.once('ready', resolve));
    const publish = orderedSender(client);
    const sent = Array.from({ length: 6 }, (_, i) => `again ${i}`);
    const published: Promise<number>[] = [];
    const entered = new Promise<void>((resolve) =>
      client.once('connect', () => {
        for (const message of sent.slice(3)) published.push(publish('window', message));
        resolve();
      }),
    );
    client.disconnect(true);
    for (const message of sent.slice(0, 3)) published.push(publish('window', message));
    await entered;
    await Promise.all(published);
    await waitFor(() => received.length === sent.length, 'messages delivered', 5_000);
    expect(received.splice(0)).toEqual(sent);
    client.disconnect();
  });
});
