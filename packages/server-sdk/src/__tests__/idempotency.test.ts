import { forkBundled, KIT_PROCESSES, type TestProcess } from '@opwire/test-kit/forkBundled';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '@opwire/test-kit/redisServer';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpwireEmitter, type OpwireEmitter } from '../redis/createOpwireEmitter.js';
import { memoryStore } from '../store/memoryStore.js';

const audience = { user: 'alice' };

/** A job that counts its runs and waits until released. */
function gatedJob() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const job = {
    runs: 0,
    release,
    fn: async () => {
      job.runs += 1;
      await gate;
      return { imported: 1 };
    },
  };
  return job;
}

describe('idempotent ids on one node (memory store)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('runs the job once for the same id twice in the same tick, and once more after it ended', async () => {
    const job = gatedJob();
    const first = server.opwire.operation.track('import', job.fn, { id: 'same-tick', audience });
    const second = server.opwire.operation.track('import', job.fn, { id: 'same-tick', audience });
    expect(await first.started).toBe('owner');
    expect(await second.started).toBe('follower');
    job.release();
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(b).toBe(a);
    expect(a).toMatchObject({ status: 'succeeded', result: { imported: 1 } });
    const later = server.opwire.operation.track('import', job.fn, { id: 'same-tick', audience });
    expect(await later.started).toBe('follower');
    expect(await later.done).toMatchObject({ id: 'same-tick', status: 'succeeded', seq: a.seq });
    expect(job.runs).toBe(1);
  });

  it('calls the job function only once operation.started is stored', async () => {
    let seen: unknown;
    const { done } = server.opwire.operation.track(
      'import',
      async (op) => {
        seen = await server.opwire.operation.get(op.id);
      },
      { id: 'stored-first', audience },
    );
    await done;
    expect(seen).toMatchObject({ id: 'stored-first', status: 'running', seq: 1 });
  });

  it('fails before anything runs for another type: done rejects conflict, the signal aborts', async () => {
    const job = gatedJob();
    job.release();
    await server.opwire.operation.track('import', job.fn, { id: 'typed', audience }).done;
    const other = server.opwire.operation.track('export', job.fn, { id: 'typed', audience });
    await expect(other.done).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('type "import"'),
    });
    const handle = server.opwire.operation.start('export', { id: 'typed', audience });
    await expect(handle.started).rejects.toMatchObject({ code: 'conflict' });
    expect(handle.signal.aborted).toBe(true);
    expect(job.runs).toBe(1);
  });

  it('fails before anything runs when the store fails: done rejects unavailable, the signal aborts', async () => {
    const full = await startTestServer({ store: memoryStore({ maxOperations: 1 }) });
    full.opwire.operation.start('hold', { audience });
    const job = gatedJob();
    const refused = full.opwire.operation.track('import', job.fn, { audience });
    await expect(refused.done).rejects.toMatchObject({ code: 'unavailable' });
    const handle = full.opwire.operation.start('import', { audience });
    await expect(handle.done).rejects.toMatchObject({ code: 'unavailable' });
    expect(handle.signal.aborted).toBe(true);
    expect(job.runs).toBe(0);
    await full.close();
  });
});

const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('idempotent ids across processes (Redis)', () => {
  let redisServer: RedisServerHandle;
  const processes: TestProcess[] = [];
  const emitters: OpwireEmitter[] = [];
  const links: Redis[] = [];

  beforeAll(async () => {
    redisServer = await startRedisServer();
  }, 30_000);
  afterAll(async () => {
    await Promise.all(emitters.map((emitter) => emitter.close({ graceMs: 0 })));
    await Promise.all(processes.map((child) => child.kill()));
    for (const link of links) link.disconnect();
    await redisServer?.stop();
  });

  it('runs the job in exactly one of two processes racing on one id', async () => {
    const racers = await Promise.all(
      [0, 1].map(async () => {
        const child = await forkBundled(KIT_PROCESSES.worker, { REDIS_URL: redisServer.url });
        processes.push(child);
        await child.next('ready', {}, 20_000);
        return child;
      }),
    );
    for (const round of [1, 2, 3]) {
      const id = `race-${round}`;
      for (const racer of racers)
        racer.send({ type: 'track', id, audience: { tenant: 'acme' }, steps: 1 });
      const roles = await Promise.all(racers.map((racer) => racer.next('role', { id })));
      expect(roles.map((role) => role.role).sort()).toEqual(['follower', 'owner']);
      for (const racer of racers) racer.send({ type: 'step', id });
      const finals = await Promise.all(racers.map((racer) => racer.next('done', { id })));
      expect(finals.map((final) => final.status)).toEqual(['succeeded', 'succeeded']);
      expect(finals[0]?.seq).toBe(finals[1]?.seq);
      const ran = racers.flatMap((racer) =>
        racer.messages.filter((message) => message.type === 'ran' && message.id === id),
      );
      expect(ran).toHaveLength(1);
    }
  }, 60_000);

  it('gives start() a follower handle for a run another process owns: its reports throw not_owner', async () => {
    const [owner, other] = await Promise.all(
      [0, 1].map(async () => {
        const redis = new Redis(redisServer.url);
        links.push(redis);
        const emitter = await createOpwireEmitter({ redis, progressIntervalMs: 0 });
        emitters.push(emitter);
        return emitter;
      }),
    );
    const running = owner?.operation.start('export', { id: 'owned-there', audience });
    expect(await running?.started).toBe('owner');
    const follower = other?.operation.start('export', { id: 'owned-there', audience });
    expect(await follower?.started).toBe('follower');
    expect(follower?.role).toBe('follower');
    expect(() => follower?.progress(50)).toThrow(expect.objectContaining({ code: 'not_owner' }));
    expect(() => follower?.complete()).toThrow(expect.objectContaining({ code: 'not_owner' }));
    running?.progress(40);
    running?.complete({ url: 'x' });
    expect(await follower?.done).toMatchObject({ status: 'succeeded', result: { url: 'x' } });
  });
});
