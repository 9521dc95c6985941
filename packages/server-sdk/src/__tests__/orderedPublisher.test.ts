import {
  type RedisClusterHandle,
  redisClusterSkipReason,
  startRedisCluster,
} from '@opwire/test-kit/redisCluster';
import { waitFor } from '@opwire/test-kit/waitFor';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { orderedPublisher } from '../redis/orderedPublisher.js';

const skipReason = redisClusterSkipReason();
if (skipReason) console.warn(skipReason);

const CHANNEL = 'ordered';

describe.skipIf(skipReason !== null)('orderedPublisher on a Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let subscriber: Cluster;
  const received: string[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    subscriber = cluster.client();
    subscriber.on('message', (_channel: string, message: string) => received.push(message));
    await subscriber.subscribe(CHANNEL);
  }, 60_000);

  afterEach(() => {
    received.length = 0;
  });

  afterAll(async () => {
    subscriber?.disconnect();
    await cluster?.stop();
  });

  /** Awaits every publish, then expects `sent` to arrive, in that order. */
  async function expectArrivedInOrder(published: Promise<number>[], sent: string[]) {
    await Promise.all(published);
    await waitFor(() => received.length === sent.length, 'messages delivered', 10_000);
    expect(received.splice(0)).toEqual(sent);
  }

  const messages = (round: number, count = 30) =>
    Array.from({ length: count }, (_, i) => `${round}:${i}`);

  it('keeps the order of messages published while the client connects, not yet ready', async () => {
    for (let round = 0; round < 5; round += 1) {
      const client = cluster.client();
      const publisher = orderedPublisher(client);
      const sent = messages(round);
      const published: Promise<number>[] = [];
      // One message as each node appears (the pool may still change), the rest once ready.
      client.on('+node', () => {
        published.push(publisher.publish(CHANNEL, sent[published.length] as string));
      });
      await new Promise((resolve) => client.once('ready', resolve));
      client.removeAllListeners('+node');
      for (const message of sent.slice(published.length)) {
        published.push(publisher.publish(CHANNEL, message));
      }
      await expectArrivedInOrder(published, sent);
      client.disconnect();
    }
  });

  it('keeps the order of messages published before the client knows the cluster', async () => {
    for (let round = 0; round < 5; round += 1) {
      // A fresh client has no slots yet: these publishes wait for it to connect.
      const client = cluster.client();
      const publisher = orderedPublisher(client);
      const sent = messages(round);
      await expectArrivedInOrder(
        sent.map((message) => publisher.publish(CHANNEL, message)),
        sent,
      );
      client.disconnect();
    }
  });

  it("keeps the order of messages published during the ready check of the master's connection", async () => {
    let exercised = 0;
    // The pool connects to a master on its first command; the client's own ready check reaches
    // one master at random, so only some rounds find the pinned master not yet connected.
    for (let round = 0; round < 12 && exercised < 3; round += 1) {
      const client = cluster.client();
      await new Promise((resolve) => client.once('ready', resolve));
      const master = pinnedMaster(client);
      if (master?.status !== 'wait') {
        client.disconnect();
        continue;
      }
      exercised += 1;
      const publisher = orderedPublisher(client);
      const sent = messages(round, 3);
      const published: Promise<number>[] = [];
      const entered = new Promise<void>((resolve) =>
        master.once('connect', () => {
          for (const message of sent.slice(1)) published.push(publisher.publish(CHANNEL, message));
          resolve();
        }),
      );
      published.push(publisher.publish(CHANNEL, sent[0] as string));
      await entered;
      await expectArrivedInOrder(published, sent);
      client.disconnect();
    }
    expect(exercised).toBeGreaterThan(0);
  });
});

/** The master orderedPublisher publishes through: the first by address. */
function pinnedMaster(client: Cluster): Redis | undefined {
  const address = (node: Redis) => `${node.options.host}:${node.options.port}`;
  return client.nodes('master').sort((a, b) => address(a).localeCompare(address(b)))[0];
}
