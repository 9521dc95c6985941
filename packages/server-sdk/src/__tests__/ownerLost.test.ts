import { createOpwireClient, type OpwireClient } from '@opwire/client';
import { forkBundled, KIT_PROCESSES, type TestProcess } from '@opwire/test-kit/forkBundled';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { signToken } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

// A short lease keeps the suite quick; the sweep runs on the web nodes.
const LEASE = { LEASE_MS: '3000', RENEW_MS: '1000' };
const SWEEP = { SWEEP_MS: '500' };

describe.skipIf(skipReason !== null)('owners and leases across processes', () => {
  let redisServer: RedisServerHandle;
  let redis: Redis;
  const processes: TestProcess[] = [];
  const clients: OpwireClient[] = [];
  let urls: string[] = [];
  let counter = 0;
  const nextId = () => {
    counter += 1;
    return `lease-${counter}`;
  };

  const fork = async (entry: string, env: Record<string, string>) => {
    const child = await forkBundled(entry, { REDIS_URL: redisServer.url, ...env });
    processes.push(child);
    const ready = await child.next('ready', {}, 20_000);
    return { child, ready };
  };
  const connect = (url: string, user: string) => {
    const client = createOpwireClient({
      url,
      token: () => signToken({ sub: user, tid: 'acme' }, { expiresInSec: 600 }),
      transports: ['websocket'],
      operationToasts: false,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    redisServer = await startRedisServer();
    redis = new Redis(redisServer.url);
    const nodes = await Promise.all([
      fork(KIT_PROCESSES.webNode, SWEEP),
      fork(KIT_PROCESSES.webNode, SWEEP),
    ]);
    urls = nodes.map(({ ready }) => `http://127.0.0.1:${ready.port}`);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(processes.map((child) => child.kill()));
    redis?.disconnect();
    await redisServer?.stop();
  });

  it('ends the operation of a SIGKILLed worker failed owner_lost for every follower on both nodes', async () => {
    const { child: worker } = await fork(KIT_PROCESSES.worker, LEASE);
    const followers = [connect(urls[0] as string, 'alice'), connect(urls[1] as string, 'bob')];
    const id = nextId();
    worker.send({ type: 'track', id, audience: { tenant: 'acme' }, steps: 5 });
    await worker.next('ran', { id });
    worker.send({ type: 'step', id });
    await worker.next('progressed', { id, step: 1 });
    const handles = followers.map((client) => client.operation(id));
    await waitFor(
      () => handles.every((handle) => handle.getSnapshot()?.percent === 10),
      'both followers at 10 %',
      10_000,
    );
    const killedAt = Date.now();
    await worker.kill();
    await waitFor(
      () => handles.every((handle) => handle.getSnapshot()?.status === 'failed'),
      'owner_lost on both nodes',
      30_000,
    );
    console.info(
      `owner_lost reached both followers ${Date.now() - killedAt} ms after SIGKILL (lease 3000 ms, sweep every 500 ms)`,
    );
    for (const handle of handles) {
      expect(handle.getSnapshot()?.error).toMatchObject({
        code: 'owner_lost',
        message: expect.stringContaining('stopped responding'),
      });
      await expect(handle.done).rejects.toMatchObject({ code: 'operation_failed' });
    }
    const active = await (followers[0] as OpwireClient).operations.active();
    expect(active.map((snapshot) => snapshot.id)).not.toContain(id);
    for (const key of [`opwire:{op:${id}}`, `opwire:{op:${id}}:events`]) {
      expect(await redis.pttl(key)).toBeGreaterThan(0);
    }
    expect(await redis.zscore('opwire:active', id)).toBeNull();
    expect(await redis.zscore('opwire:leases', id)).toBeNull();
  }, 60_000);

  it('fences a worker that comes back after its lease ran out: it aborts and never writes again', async () => {
    const { child: worker } = await fork(KIT_PROCESSES.worker, LEASE);
    const follower = connect(urls[1] as string, 'carol');
    const id = nextId();
    worker.send({ type: 'track', id, audience: { tenant: 'acme' }, steps: 3 });
    await worker.next('ran', { id });
    worker.send({ type: 'step', id });
    await worker.next('progressed', { id, step: 1 });
    const handle = follower.operation(id);
    // Frozen, as a process whose event loop is blocked past its lease.
    worker.child.kill('SIGSTOP');
    await waitFor(() => handle.getSnapshot()?.status === 'failed', 'owner_lost', 30_000);
    const ended = handle.getSnapshot();
    worker.child.kill('SIGCONT');
    expect(await worker.next('aborted', { id }, 10_000)).toMatchObject({
      reason: expect.stringContaining('no longer runs operation'),
    });
    worker.send({ type: 'step', id });
    expect(await worker.next('done', { id }, 10_000)).toMatchObject({
      status: 'failed',
      code: 'owner_lost',
      seq: ended?.seq,
    });
    await waitFor(async () => (await redis.hget(`opwire:{op:${id}}`, 'seq')) !== null);
    expect(Number(await redis.hget(`opwire:{op:${id}}`, 'seq'))).toBe(ended?.seq);
    expect(handle.getSnapshot()).toBe(ended);
  }, 60_000);

  it('ends a worker operation past its timeoutMs timed_out, and the rest owner_shutdown when the worker closes', async () => {
    const { child: worker } = await fork(KIT_PROCESSES.worker, LEASE);
    const follower = connect(urls[0] as string, 'erin');
    const [slow, stuck] = [nextId(), nextId()];
    worker.send({
      type: 'track',
      id: slow,
      audience: { tenant: 'acme' },
      steps: 1,
      timeoutMs: 300,
    });
    worker.send({ type: 'track', id: stuck, audience: { tenant: 'acme' }, steps: 1 });
    await worker.next('ran', { id: stuck });
    const [timed, closing] = [follower.operation(slow), follower.operation(stuck)];
    await waitFor(() => timed.getSnapshot()?.status === 'failed', 'timed_out', 10_000);
    expect(timed.getSnapshot()?.error?.code).toBe('timed_out');
    worker.send({ type: 'close', graceMs: 0 });
    await worker.next('closed', {}, 10_000);
    await waitFor(() => closing.getSnapshot()?.status === 'failed', 'owner_shutdown', 10_000);
    expect(closing.getSnapshot()?.error?.code).toBe('owner_shutdown');
  });

  it('ends the operation of a killed web node from the other node', async () => {
    const { child: doomed } = await fork(KIT_PROCESSES.webNode, { ...LEASE, ...SWEEP });
    const follower = connect(urls[0] as string, 'dave');
    const id = nextId();
    doomed.send({ type: 'start', id, audience: { tenant: 'acme' } });
    await doomed.next('started', { id });
    const handle = follower.operation(id);
    await waitFor(() => handle.getSnapshot()?.percent === 10, 'the web node operation', 10_000);
    await doomed.kill();
    await waitFor(() => handle.getSnapshot()?.status === 'failed', 'owner_lost', 30_000);
    expect(handle.getSnapshot()?.error?.code).toBe('owner_lost');
  }, 60_000);
});
