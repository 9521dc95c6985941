import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { OperationsApi } from '../operations/operationsApi.js';
import { createOpwireEmitter } from '../redis/createOpwireEmitter.js';
import { redisAdapter } from '../redis/redisAdapter.js';
import { redisStore } from '../redis/redisStore.js';
import { memoryStore } from '../store/memoryStore.js';
import type { OperationStore } from '../store/operationStore.js';

/**
 * Alice follows run 1 of id `reused` through its `operation:reused` room. Once
 * run 1 expired, run 2 takes the id with Bob as its audience: Alice must get
 * nothing of it, whoever runs it.
 */
async function newRunUnderOldId(server: TestServer, store: OperationStore, runner: OperationsApi) {
  const alice = await server.connect({ sub: 'alice' });
  const bob = await server.connect({ sub: 'bob' });
  const first = server.opwire.operation.start('report', {
    id: 'reused',
    audience: { user: 'alice' },
  });
  await first.started;
  expect(await alice.request('opwire:join', { room: 'operation:reused' })).toEqual({
    ok: true,
    room: 'operation:reused',
  });
  first.complete();
  await first.done;
  await waitFor(async () => (await store.get('reused')) === null, 'run 1 to expire', 10_000);
  const seenByAlice = alice.operationEvents('reused').length;

  const second = runner.start('report', { id: 'reused', audience: { user: 'bob' } });
  expect(await second.started).toBe('owner');
  second.progress(50, 'secret of bob');
  second.complete();
  await bob.waitForMessage((m) => m.operationId === 'reused' && m.topic === 'operation.completed');
  // Alice's socket is on the same path as Bob's: a marker to her arrives after anything of run 2.
  const marker = server.opwire.operation.start('marker', { audience: { user: 'alice' } });
  await alice.waitForMessage((m) => m.operationId === marker.id);
  marker.complete();
  expect(alice.operationEvents('reused')).toHaveLength(seenByAlice);
  expect(alice.socket.connected).toBe(true);
}

describe('a new run under an old id', () => {
  it('reaches only the sockets allowed to see it (memory store, web node)', async () => {
    const store = memoryStore({ ttlMs: 100 });
    const server = await startTestServer({ store });
    await newRunUnderOldId(server, store, server.opwire.operation);
    await server.close();
  });

  const skipReason = redisSkipReason();
  if (skipReason) console.warn(skipReason);
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it.skipIf(skipReason !== null)(
    'reaches only the sockets allowed to see it when a worker runs it (Redis)',
    async () => {
      const redisServer: RedisServerHandle = await startRedisServer();
      cleanups.push(() => redisServer.stop());
      const redis = new Redis(redisServer.url);
      cleanups.push(() => redis.disconnect());
      const store = redisStore({ redis, ttlMs: 200 });
      const server = await startTestServer({ store, adapter: redisAdapter({ redis }) });
      cleanups.push(() => server.close());
      const worker = await createOpwireEmitter({
        redis: new Redis(redisServer.url),
        progressIntervalMs: 0,
      });
      cleanups.push(() => worker.close({ graceMs: 0 }));
      await newRunUnderOldId(server, store, worker.operation);
    },
  );
});
