// Amplification and slow readers: what one resume answer may carry, what a burst of costly
// resumes may make the server do, and how much may queue for a client that stops reading.
import type { OperationEvent, ResumeResult } from '@opwire/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, helloOf, request, startTarget, type Target } from './target.js';

const MIB = 1024 * 1024;
const MAX_EVENTS = 1000;
const MAX_BYTES = MIB;
const RATE = 20;
const BURST = 40;
const HISTORY = 200;

type ResumeAnswer = { ok: boolean; epoch: string; results: ResumeResult[] };
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const eventsOf = (results: ResumeResult[]): OperationEvent[] =>
  results.flatMap((result) => (result.status === 'replayed' ? result.events : []));

describe('resume answers and their cost (default limits)', () => {
  let target: Target;
  let alice: Socket;
  let long: string;
  beforeAll(async () => {
    target = await startTarget();
    long = await target.operation({ user: 'alice' }, HISTORY - 1, 100);
    alice = await connectAs(target.url, { sub: 'alice', tid: 'acme' });
  }, 60_000);
  afterAll(async () => {
    alice?.disconnect();
    await target?.kill();
  });

  it('answers an id named 500 times once, so the answer does not grow with the request', async () => {
    const { epoch } = helloOf(alice);
    const operations = Array.from({ length: 500 }, () => ({ id: long, seq: 0, epoch }));
    const answer = await request<ResumeAnswer>(alice, 'opwire:resume', { operations });
    expect(answer.ok).toBe(true);
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0]?.status).toBe('replayed');
    expect(eventsOf(answer.results)).toHaveLength(HISTORY);
    const once = await request<ResumeAnswer>(alice, 'opwire:resume', {
      operations: [{ id: long, seq: 0, epoch }],
    });
    expect(bytesOf(answer)).toBe(bytesOf(once));
  });

  it('replays at most maxResumeEvents events and maxResumeBytes bytes; the rest get snapshots', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) ids.push(await target.operation({ user: 'alice' }, 199, 1000));
    const { epoch } = helloOf(alice);
    const answer = await request<ResumeAnswer>(alice, 'opwire:resume', {
      operations: ids.map((id) => ({ id, seq: 0, epoch })),
    });
    expect(answer.ok).toBe(true);
    expect(answer.results.map((result) => result.id)).toEqual(ids);
    const events = eventsOf(answer.results);
    expect(events.length).toBeLessThanOrEqual(MAX_EVENTS);
    expect(bytesOf(events)).toBeLessThanOrEqual(MAX_BYTES);
    const snapshots = answer.results.filter((result) => result.status === 'snapshot');
    expect(snapshots.length).toBeGreaterThan(0);
    for (const result of snapshots) expect(result).toMatchObject({ reason: 'history_gone' });
    const snapshotBytes = snapshots.reduce((sum, result) => sum + bytesOf(result), 0);
    expect(bytesOf(answer)).toBeLessThanOrEqual(MAX_BYTES + snapshotBytes + 64 * 1024);
  });

  it('charges a resume by what it names: a burst of large resumes gets few through', async () => {
    const mallory = await connectAs(target.url, { sub: 'mallory', tid: 'acme' });
    const { epoch } = helloOf(mallory);
    const resumeOf = (batch: number) => ({
      operations: Array.from({ length: 500 }, (_, i) => ({
        id: `gone-${batch}-${i}`,
        seq: 0,
        epoch,
      })),
    });
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, batch) =>
        request<{ ok: boolean; error?: { code: string } }>(
          mallory,
          'opwire:resume',
          resumeOf(batch),
        ),
      ),
    );
    const elapsedSeconds = (Date.now() - started) / 1000;
    const served = answers.filter((answer) => answer.ok).length;
    // Each costs 1 + 500 / 50 = 11 units, from a bucket of 40 refilled at 20 per second.
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThanOrEqual(Math.ceil((BURST + elapsedSeconds * RATE) / 11) + 1);
    for (const answer of answers.filter((a) => !a.ok))
      expect(answer.error?.code).toBe('rate_limited');
    mallory.disconnect();
  });
});

describe('a client that stops reading', () => {
  let target: Target;
  let long: string;
  beforeAll(async () => {
    // The rate limit out of the way, so the flood reaches the buffer limit quickly.
    target = await startTarget({ limits: { requestsPerSecond: 1_000_000, burst: 1_000_000 } });
    long = await target.operation({ tenant: 'acme' }, HISTORY - 1, 1000);
  }, 60_000);
  afterAll(() => target?.kill());

  it('is disconnected with at most 16 MiB queued for it, and others are served meanwhile', async () => {
    const attacker = await connectAs(target.url, { sub: 'mallory', tid: 'acme' });
    const bystander = await connectAs(target.url, { sub: 'bob', tid: 'acme' });
    const { epoch } = helloOf(attacker);
    // Stop reading the connection; the kernel's buffers fill, then the server's.
    const ws = (attacker.io.engine.transport as unknown as { ws: { _socket: NodeJS.Socket } }).ws;
    ws._socket.pause();
    const resume = { operations: [{ id: long, seq: 0, epoch }] };
    for (let i = 0; i < 400; i += 1) attacker.emit('opwire:resume', resume, () => {});

    const { dropped } = await target.ask<{
      dropped: Array<{ reason: string; queuedBytes: number }>;
    }>('dropped');
    console.info(`slow reader dropped with ${dropped[0]?.queuedBytes} bytes queued for it`);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]?.reason).toBe('slow_reader');
    expect(dropped[0]?.queuedBytes).toBeGreaterThan(8 * MIB);
    expect(dropped[0]?.queuedBytes).toBeLessThanOrEqual(16 * MIB);

    expect(await request(bystander, 'opwire:operation.get', { id: long })).toMatchObject({
      ok: true,
    });
    const closed = new Promise((resolve) => attacker.once('disconnect', resolve));
    ws._socket.resume();
    await closed;
    bystander.disconnect();
  });
});
