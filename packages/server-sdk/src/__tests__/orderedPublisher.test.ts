import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisClusterHandle,
  redisClusterSkipReason,
  startRedisCluster,
} from '../../../../tests/support/redisCluster.js';
import { orderedPublisher } from '../redis/orderedPublisher.js';
import { waitFor } from './support/waitFor.js';

const skipReason = redisClusterSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('orderedPublisher on a Redis Cluster', () => {
  let cluster: RedisClusterHandle;

  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps the order of messages published while the client connects, not yet ready', async () => {
    const subscriber = cluster.client();
    const received: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => received.push(message));
    await subscriber.subscribe('connecting');
    try {
      for (let round = 0; round < 5; round += 1) {
        const client = cluster.client();
        const publisher = orderedPublisher(client);
        const sent = Array.from({ length: 30 }, (_, i) => `${round}:${i}`);
        const published: Promise<number>[] = [];
        // One message as each node appears (the pool may still change), the rest once ready.
        client.on('+node', () => {
          published.push(publisher.publish('connecting', sent[published.length] as string));
        });
        await new Promise((resolve) => client.once('ready', resolve));
        client.removeAllListeners('+node');
        for (const message of sent.slice(published.length)) {
          published.push(publisher.publish('connecting', message));
        }
        await Promise.all(published);
        await waitFor(
          () => received.length === (round + 1) * sent.length,
          10_000,
          `round ${round} delivered`,
        );
        expect(received.slice(-sent.length)).toEqual(sent);
        client.disconnect();
      }
    } finally {
      subscriber.disconnect();
    }
  });

  it('keeps the order of messages published before the client knows the cluster', async () => {
    const subscriber = cluster.client();
    const received: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => received.push(message));
    await subscriber.subscribe('ordered');
    try {
      for (let round = 0; round < 5; round += 1) {
        // A fresh client has no slots yet: these publishes wait for it to connect.
        const client = cluster.client();
        const publisher = orderedPublisher(client);
        const sent = Array.from({ length: 30 }, (_, i) => `${round}:${i}`);
        await Promise.all(sent.map((message) => publisher.publish('ordered', message)));
        await waitFor(
          () => received.length === (round + 1) * sent.length,
          10_000,
          `round ${round} delivered`,
        );
        expect(received.slice(-sent.length)).toEqual(sent);
        client.disconnect();
      }
    } finally {
      subscriber.disconnect();
    }
  });
  it("keeps the order of messages published during the ready check of the master's connection", async () => {
    const subscriber = cluster.client();
    const received: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => received.push(message));
    await subscriber.subscribe('checking');
    let exercised = 0;
    try {
      // The pool connects to a master on its first command; the client's own ready check reaches
      // one master at random, so only some rounds find the pinned master not yet connected.
      for (let round = 0; round < 12 && exercised < 3; round += 1) {
        const client = cluster.client();
        await new Promise((resolve) => client.once('ready', resolve));
        const [master] = client
          .nodes('master')
          .sort((a, b) =>
            `${a.options.host}:${a.options.port}`.localeCompare(
              `${b.options.host}:${b.options.port}`,
            ),
          );
        if (master?.status !== 'wait') {
          client.disconnect();
          continue;
        }
        exercised += 1;
        const publisher = orderedPublisher(client);
        const sent = [`${round}: before`, `${round}: during 1`, `${round}: during 2`];
        const published: Promise<number>[] = [];
        const entered = new Promise<void>((resolve) =>
          master.once('connect', () => {
            for (const message of sent.slice(1))
              published.push(publisher.publish('checking', message));
            resolve();
          }),
        );
        published.push(publisher.publish('checking', sent[0] as string));
        await entered;
        await Promise.all(published);
        await waitFor(() => received.length === sent.length, 10_000, `round ${round} delivered`);
        expect(received.splice(0)).toEqual(sent);
        client.disconnect();
      }
      expect(exercised).toBeGreaterThan(0);
    } finally {
      subscriber.disconnect();
    }
  });
});
