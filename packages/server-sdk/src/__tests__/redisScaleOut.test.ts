import type { Envelope, OperationEvent, ResumeResult } from '@opwire/protocol';
import { forkBundled, KIT_PROCESSES, type TestProcess } from '@opwire/test-kit/forkBundled';
import { redisBackends } from '@opwire/test-kit/redisBackends';
import { createTestClient, type TestClient } from '@opwire/test-kit/testServer';
import { signToken } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterAll, beforeAll, describe, expect, it as itBase } from 'vitest';
import { redisKeys } from '../redis/redisKeys.js';

const seqs = (events: Envelope[]) => events.map((event) => event.seq);
let counter = 0;
const nextId = () => {
  counter += 1;
  return `op-${Date.now()}-${counter}`;
};

describe.each(redisBackends())('several nodes, a worker and $name', (redis) => {
  const skipReason = redis.skipReason();
  if (skipReason) console.warn(skipReason);
  const it = skipReason ? itBase.skip : itBase;
  const nodes: TestProcess[] = [];
  const clients: TestClient[] = [];
  let worker: TestProcess;
  let nodeA: { process: TestProcess; url: string };
  let nodeB: { process: TestProcess; url: string };

  async function startNode(env: Record<string, string> = {}) {
    const node = await forkBundled(KIT_PROCESSES.webNode, { ...redis.env(), ...env });
    nodes.push(node);
    const ready = await node.next('ready');
    return { process: node, url: `http://127.0.0.1:${ready.port}` };
  }

  async function connect(url: string, claims: { sub: string; tid: string }) {
    const client = createTestClient(url, {
      token: signToken(claims, { expiresInSec: 600 }),
      v: 1,
      vmax: 2,
    });
    clients.push(client);
    await waitFor(() => client.hello !== undefined, `hello from ${url}`, 5_000);
    return client;
  }

  beforeAll(async () => {
    if (skipReason) return;
    await redis.start();
    [nodeA, nodeB] = await Promise.all([startNode(), startNode()]);
    worker = await forkBundled(KIT_PROCESSES.worker, redis.env());
    nodes.push(worker);
    await worker.next('ready');
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(nodes.map((node) => node.kill()));
    await redis.stop();
  });

  it('delivers a worker operation to clients on both nodes in order, and nothing to another tenant', async () => {
    const onA = await connect(nodeA.url, { sub: 'alice', tid: 'acme' });
    const onB = await connect(nodeB.url, { sub: 'bob', tid: 'acme' });
    const eve = await connect(nodeB.url, { sub: 'eve', tid: 'globex' });
    // The worker's first messages go out while its connection to the master is new: they must
    // keep their order through ioredis's ready check (orderedSender).
    const id = nextId();
    worker.send({ type: 'track', id, audience: { tenant: 'acme' }, steps: 3 });
    await worker.next('tracking', { id });
    for (let step = 0; step < 3; step += 1) worker.send({ type: 'step', id });
    expect(await worker.next('done', { id })).toMatchObject({ status: 'succeeded', seq: 5 });
    for (const client of [onA, onB]) {
      await client.waitForMessage((m) => m.operationId === id && m.topic === 'operation.completed');
      expect(seqs(client.operationEvents(id))).toEqual([1, 2, 3, 4, 5]);
    }
    worker.send({ type: 'emit' });
    await onA.waitForMessage((m) => m.topic === 'worker.hello');
    await onB.waitForMessage((m) => m.topic === 'worker.hello');
    expect(eve.messages).toEqual([]);
    expect(await eve.request('opwire:operation.get', { id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('keeps the order of a burst of worker messages (published through one Redis node)', async () => {
    const onA = await connect(nodeA.url, { sub: 'alice', tid: 'acme' });
    worker.send({ type: 'burst', steps: 200 });
    await onA.waitForMessage(
      (m) => m.topic === 'worker.burst' && (m.payload as { i: number }).i === 199,
      10_000,
    );
    const order = onA.messages
      .filter((m) => m.topic === 'worker.burst')
      .map((m) => (m.payload as { i: number }).i);
    expect(order).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('cancels a worker job from a client on another node', async () => {
    const onB = await connect(nodeB.url, { sub: 'bob', tid: 'acme' });
    const id = nextId();
    worker.send({ type: 'track', id, audience: { tenant: 'acme' }, steps: 5 });
    await worker.next('tracking', { id });
    await onB.waitForMessage((m) => m.operationId === id);
    expect(await onB.request('opwire:operation.cancel', { id, reason: 'stop it' })).toEqual({
      ok: true,
      id,
    });
    expect(await worker.next('aborted', { id })).toMatchObject({ reason: 'stop it' });
    worker.send({ type: 'step', id });
    expect(await worker.next('done', { id })).toMatchObject({ status: 'cancelled' });
    await onB.waitForMessage((m) => m.operationId === id && m.topic === 'operation.cancelled');
  });

  it('lets a node started after an operation began serve its snapshot and its later events', async () => {
    const id = nextId();
    worker.send({ type: 'track', id, audience: { user: 'carol' }, steps: 2 });
    await worker.next('tracking', { id });
    worker.send({ type: 'step', id });
    await worker.next('progressed', { id, step: 1 });
    const late = await startNode();
    const carol = await connect(late.url, { sub: 'carol', tid: 'acme' });
    const answer = await carol.request<{ snapshot: { percent: number; seq: number } }>(
      'opwire:operation.get',
      { id },
    );
    expect(answer).toMatchObject({
      ok: true,
      snapshot: { percent: 10, seq: 2, status: 'running' },
    });
    worker.send({ type: 'step', id });
    await carol.waitForMessage((m) => m.operationId === id && m.topic === 'operation.completed');
    expect(seqs(carol.operationEvents(id))).toEqual([3, 4]);
  });

  it('resumes with every missed event on node B after node A is killed', async () => {
    const doomed = await startNode();
    const dave = await connect(doomed.url, { sub: 'dave', tid: 'acme' });
    const id = nextId();
    worker.send({ type: 'track', id, audience: { user: 'dave' }, steps: 3 });
    await worker.next('tracking', { id });
    worker.send({ type: 'step', id });
    await dave.waitForMessage((m) => m.operationId === id && m.seq === 2);
    const epoch = dave.hello?.epoch;
    await doomed.process.kill();
    worker.send({ type: 'step', id });
    worker.send({ type: 'step', id });
    await worker.next('done', { id });
    const again = await connect(nodeB.url, { sub: 'dave', tid: 'acme' });
    expect(again.hello?.epoch).toBe(epoch);
    const answer = await again.request<{ results: ResumeResult[] }>('opwire:resume', {
      operations: [{ id, seq: 2, epoch }],
    });
    expect(answer.ok).toBe(true);
    const [result] = answer.ok ? answer.results : [];
    expect(result?.status).toBe('replayed');
    const events = (result as { events: OperationEvent[] }).events;
    expect(events.map((event) => [event.seq, event.topic])).toEqual([
      [3, 'operation.progress'],
      [4, 'operation.progress'],
      [5, 'operation.completed'],
    ]);
  });

  it('survives a Redis restart in the middle of an operation', async () => {
    const erin = await connect(nodeB.url, { sub: 'erin', tid: 'acme' });
    const id = nextId();
    worker.send({ type: 'track', id, audience: { user: 'erin' }, steps: 3 });
    await worker.next('tracking', { id });
    worker.send({ type: 'step', id });
    await erin.waitForMessage((m) => m.operationId === id && m.seq === 2);
    const epochBefore = erin.hello?.epoch;
    const resyncs: Array<{ epoch: string }> = [];
    erin.socket.on('opwire:resync', (info: { epoch: string }) => resyncs.push(info));
    // One Redis restarts empty; on a cluster, the master holding this operation does.
    await redis.loseData(redisKeys('opwire:', redis.cluster ? 16 : null).state(id));
    worker.send({ type: 'step', id });
    worker.send({ type: 'step', id });
    expect(await worker.next('done', { id }, 30_000)).toMatchObject({
      status: 'succeeded',
      seq: 5,
    });
    // The node tells its sockets to resume once its link to Redis is back, with the new epoch.
    await waitFor(() => resyncs.length > 0, 'a resync from node B', 10_000);
    expect(resyncs[0]?.epoch).not.toBe(epochBefore);
    // Pub/sub may drop what was published while a node was reconnecting; resume converges.
    const answer = await erin.request<{ epoch: string; results: ResumeResult[] }>('opwire:resume', {
      operations: [{ id, seq: 2, epoch: epochBefore }],
    });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.epoch).not.toBe(epochBefore);
    expect(answer.results[0]).toMatchObject({
      status: 'snapshot',
      reason: 'epoch_changed',
      snapshot: { status: 'succeeded', seq: 5, percent: 100 },
    });
    const fresh = await connect(nodeA.url, { sub: 'erin', tid: 'acme' });
    const later = nextId();
    worker.send({ type: 'track', id: later, audience: { user: 'erin' }, steps: 1 });
    worker.send({ type: 'step', id: later });
    await fresh.waitForMessage(
      (m) => m.operationId === later && m.topic === 'operation.completed',
      10_000,
    );
  }, 60_000);
});
