import { createServer } from 'node:http';
import type { OpwireError } from '@opwire/protocol';
import {
  type RedisClusterHandle,
  redisClusterSkipReason,
  startRedisCluster,
} from '@opwire/test-kit/redisCluster';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { startTestServer } from '@opwire/test-kit/testServer';
import { testAuth } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpwire } from '../createOpwire.js';
import { createOpwireEmitter } from '../redis/createOpwireEmitter.js';
import { redisAdapter } from '../redis/redisAdapter.js';

// Socket.IO's adapter and emitter publish without awaiting the reply: a PUBLISH that fails
// must be reported as an error event, never left as an unhandled rejection, which ends the
// process (vitest fails the run on one).

const redisSkip = redisSkipReason();
const clusterSkip = redisClusterSkipReason();
for (const reason of [redisSkip, clusterSkip]) if (reason) console.warn(reason);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const answers = (reply: Promise<unknown> | undefined) =>
  Promise.resolve(reply).then(
    () => true,
    () => false,
  );

const unavailable = (errors: OpwireError[]) =>
  errors.filter(
    (error) => error.code === 'unavailable' && /could not be published/.test(error.message),
  );

describe.skipIf(redisSkip !== null)('a publish while one Redis is down', () => {
  async function startRedis() {
    const server: RedisServerHandle = await startRedisServer();
    cleanups.push(() => server.stop());
    const redis = new Redis(server.url);
    redis.on('error', () => {});
    cleanups.push(() => redis.disconnect());
    await redis.ping();
    return { server, redis };
  }

  /**
   * Stops Redis with the publishing client set to give up at once (ioredis reads the option
   * when a retry fails), so a PUBLISH fails at its first reconnect attempt instead of after 20.
   */
  async function downWithoutRetries({ server, redis }: Awaited<ReturnType<typeof startRedis>>) {
    redis.options.maxRetriesPerRequest = 0;
    await server.stop();
  }

  /** Back up before closing, so that closing is not a second outage. */
  async function backUp({ server, redis }: Awaited<ReturnType<typeof startRedis>>) {
    redis.options.maxRetriesPerRequest = 20;
    await server.restart();
    await waitFor(() => answers(redis.ping()), 'Redis back', 10_000);
  }

  it("is reported on a worker's emitter", async () => {
    const redis = await startRedis();
    const emitter = await createOpwireEmitter({ redis: redis.redis });
    cleanups.push(() => emitter.close());
    const errors: OpwireError[] = [];
    emitter.events.on('error', (error) => errors.push(error));
    await downWithoutRetries(redis);
    emitter.to({ user: 'u1' }).emit('note', { n: 1 });
    await waitFor(() => unavailable(errors).length === 1, 'the failed publish reported', 10_000);
    await backUp(redis);
  });

  it("is reported on a web node's events", async () => {
    const redis = await startRedis();
    // The adapter's subscriber is a duplicate made here, with the client's default retries.
    const adapter = redisAdapter({ redis: redis.redis });
    const node = await startTestServer({ adapter });
    cleanups.push(() => node.close());
    const errors: OpwireError[] = [];
    node.opwire.events.on('error', (error) => errors.push(error));
    await downWithoutRetries(redis);
    node.opwire.to({ user: 'u1' }).emit('note', { n: 1 });
    await waitFor(() => unavailable(errors).length === 1, 'the failed publish reported', 10_000);
    await backUp(redis);
    await waitFor(() => answers(adapter.ready?.()), 'the adapter back', 10_000);
  });
});

describe.skipIf(redisSkip !== null)('closing a web node while Redis is down', () => {
  it('leaves no unhandled rejection behind, with no retries either', async () => {
    const server = await startRedisServer();
    cleanups.push(() => server.stop());
    // The adapter's subscriber is duplicated from this client and gives up at once too.
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0 });
    redis.on('error', () => {});
    cleanups.push(() => redis.disconnect());
    await redis.ping();
    const node = await startTestServer({ adapter: redisAdapter({ redis }) });
    await server.stop();
    await node.close();
  });

  it("reports a subscription that failed on the node's events", async () => {
    const server = await startRedisServer();
    cleanups.push(() => server.stop());
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, lazyConnect: true });
    redis.on('error', () => {});
    cleanups.push(() => redis.disconnect());
    await server.stop();
    const opwire = createOpwire({
      server: createServer(),
      auth: testAuth,
      adapter: redisAdapter({ redis }),
    });
    cleanups.push(() => opwire.close());
    const errors: OpwireError[] = [];
    opwire.events.on('error', (error) => errors.push(error));
    await waitFor(
      () => errors.some((error) => /could not subscribe/.test(error.message)),
      'the failed subscription reported',
      10_000,
    );
    expect(errors.every((error) => error.code === 'unavailable')).toBe(true);
  });
});

describe.skipIf(clusterSkip !== null)('a publish while its Redis Cluster master goes down', () => {
  it("is reported on a worker's emitter, which keeps running", async () => {
    const cluster: RedisClusterHandle = await startRedisCluster();
    cleanups.push(() => cluster.stop());
    const redis = cluster.client();
    redis.on('error', () => {});
    cleanups.push(() => redis.disconnect());
    const emitter = await createOpwireEmitter({ redis });
    cleanups.push(() => emitter.close({ graceMs: 0 }));
    const errors: OpwireError[] = [];
    emitter.events.on('error', (error) => errors.push(error));
    // Publishes go through one master: the first by address (see orderedPublisher).
    const addresses = cluster.ports.map((port) => `127.0.0.1:${port}`);
    const pinned = [...addresses].sort((a, b) => a.localeCompare(b))[0] as string;
    const index = addresses.indexOf(pinned);
    // Paused, the master holds the PUBLISH unanswered; killed, it fails it ("Connection is closed").
    const direct = new Redis(cluster.ports[index] as number, '127.0.0.1');
    direct.on('error', () => {});
    cleanups.push(() => direct.disconnect());
    await direct.call('CLIENT', 'PAUSE', '30000', 'ALL');
    emitter.to({ user: 'u1' }).emit('note', { n: 1 });
    await cluster.stopNode(index);
    await waitFor(() => unavailable(errors).length === 1, 'the failed publish reported', 10_000);
    await cluster.startNode(index);
    // Still running: its operations are stored on the whole cluster again.
    const op = emitter.operation.start('after', { audience: { user: 'u1' } });
    op.complete();
    expect((await op.done).status).toBe('succeeded');
  }, 60_000);
});
