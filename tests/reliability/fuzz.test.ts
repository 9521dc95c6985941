import { forkBundled, type TestProcess } from '@opwire/test-kit/forkBundled';
import { createTestClient, type TestClient } from '@opwire/test-kit/testServer';
import { signToken } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs } from './clients.js';
import { CLIENT_RESERVED, message, REQUEST_EVENTS, wireCodes } from './fuzzArbitraries.js';

const LONG = process.env.OPWIRE_LONG === '1';
const MESSAGES = Number(process.env.OPWIRE_FUZZ_MESSAGES ?? (LONG ? 100_000 : 10_000));
const OVERSIZE = 60_000;
const SEED = Number(process.env.OPWIRE_SEED ?? Date.now() % 2 ** 31);
let server: TestProcess;
let url: string;
let watcher: TestClient;
const clients: TestClient[] = [];
const connect = async (claims: Parameters<typeof connectAs>[1]) => {
  const client = await connectAs(url, claims);
  clients.push(client);
  return client;
};
const heap = async () => {
  server.send({ type: 'heap' });
  return (await server.next('heap')).heap as number;
};
const startOperation = async (tenant: string) => {
  server.send({ type: 'operations', tenant, count: 1 });
  return ((await server.next('operations')).ids as string[])[0] as string;
};
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

describe('fuzzing the wire', () => {
  beforeAll(async () => {
    console.info(`fuzz seed: ${SEED} (replay with OPWIRE_SEED=${SEED})`);
    server = await forkBundled(new URL('./serverProcess.ts', import.meta.url), {
      OPWIRE_LIMITS: JSON.stringify({
        requestsPerSecond: 1_000_000,
        burst: 1_000_000,
        maxRoomsPerSocket: 20,
      }),
    });
    url = (await server.next('ready')).url as string;
    watcher = await connect({ sub: 'watcher', tid: 'acme' });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.kill();
  });

  it(`answers ${MESSAGES} random and malformed messages with error codes, stays up and leaks nothing`, async () => {
    const heapBefore = await heap();
    const samples = fc.sample(message, { numRuns: MESSAGES, seed: SEED });
    const fuzzers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        connect({ sub: `mallory${i}`, tid: 'evil', roles: ['admin'] }),
      ),
    );
    let answered = 0;
    let ignored = 0;
    // Socket.IO itself closes a connection that sends a reserved event name; those go to the raw-packet test.
    let reservedSkipped = 0;
    // Socket.IO closes a connection whose message exceeds maxHttpBufferSize; tested on its own below.
    let oversizeSkipped = 0;
    const badAnswers: unknown[] = [];
    for (let start = 0; start < samples.length; start += 200) {
      await Promise.all(
        samples.slice(start, start + 200).map(async (sample, index) => {
          const client = fuzzers[(start + index) % fuzzers.length] as TestClient;
          if (CLIENT_RESERVED.has(sample.event)) {
            reservedSkipped += 1;
            return;
          }
          if ((JSON.stringify(sample.body)?.length ?? 0) > OVERSIZE) {
            oversizeSkipped += 1;
            return;
          }
          if (!sample.withAck || !REQUEST_EVENTS.includes(sample.event)) {
            if (!REQUEST_EVENTS.includes(sample.event)) ignored += 1;
            client.socket.emit(sample.event, sample.body);
            return;
          }
          try {
            const answer = (await client.socket
              .timeout(5_000)
              .emitWithAck(sample.event, sample.body)) as {
              ok?: unknown;
              error?: { code?: unknown; message?: unknown };
            };
            answered += 1;
            const valid =
              answer.ok === true ||
              (answer.ok === false &&
                wireCodes.has(String(answer.error?.code)) &&
                typeof answer.error?.message === 'string');
            if (!valid) badAnswers.push({ sample: sample.event, answer });
          } catch {
            badAnswers.push({ unanswered: sample.event });
          }
        }),
      );
    }
    expect(badAnswers.slice(0, 5)).toEqual([]);
    expect(answered).toBeGreaterThan(MESSAGES * 0.3);
    expect(ignored).toBeGreaterThan(0);
    for (const client of fuzzers) expect(client.socket.connected).toBe(true);
    expect(reservedSkipped).toBeLessThan(MESSAGES * 0.05);
    expect(oversizeSkipped).toBeLessThan(MESSAGES * 0.2);

    // Nobody else noticed: the watcher got nothing, and still gets its own events.
    expect(watcher.messages).toEqual([]);
    expect(watcher.socket.connected).toBe(true);
    const opId = await startOperation('acme');
    await watcher.waitForMessage(
      (m) => m.operationId === opId && m.topic === 'operation.completed',
    );
    expect(watcher.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(await fuzzers[0]?.request('opwire:operation.get', { id: opId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    for (const client of fuzzers) client.close();
    for (let tries = 0; ; tries += 1) {
      server.send({ type: 'stats' });
      const { stats } = await server.next('stats');
      if ((stats as { connections: { authenticated: number } }).connections.authenticated === 1)
        break;
      if (tries > 200) throw new Error('the fuzzing sockets did not leave');
    }
    server.send({ type: 'heap' });
    const after = await server.next('heap');
    expect(after.prototypeKeys).toEqual(prototypeKeys);
    expect(after.polluted).toBe(false);
    const heapAfter = after.heap as number;
    console.info(
      `fuzz: ${answered} answered, ${ignored} unknown events ignored, ${reservedSkipped} reserved and ${oversizeSkipped} oversized left to the raw test; server heap ${(heapBefore / 1e6).toFixed(1)} MB → ${(heapAfter / 1e6).toFixed(1)} MB`,
    );
    expect(heapAfter, `heap before ${heapBefore}, after ${heapAfter}`).toBeLessThan(
      heapBefore * 1.1 + 1_000_000,
    );
  }, 120_000);

  it('survives malformed packets, replayed acks, oversized messages and hostile handshakes', async () => {
    const raw = await connect({ sub: 'raw', tid: 'evil' });
    const engine = raw.socket.io.engine;
    const listAcks: unknown[] = [];
    engine.on('message', (data: unknown) => {
      if (String(data).startsWith('3901')) listAcks.push(data);
    });
    engine.write('3901["opwire:operation.list",{}]'.replace('3901', '2901'));
    engine.write('2901["opwire:operation.list",{}]');
    await waitFor(() => listAcks.length >= 2, 'both answers to a replayed ack id', 5_000);
    expect(raw.socket.connected).toBe(true);

    const packets = ['2[', 'garbage', '2["opwire:join"', '5-', '2{"a":1}', `2${'['.repeat(5_000)}`];
    for (const name of CLIENT_RESERVED)
      packets.push(`2${JSON.stringify([name, { room: 'tenant:acme' }])}`);
    // Each offending connection is dropped, answers its next request, or (for a half-sent binary
    // packet) waits for attachments that never come: in every case only that connection is affected.
    const outcomes = await Promise.all(
      packets.map(async (packet) => {
        const victim = await connect({ sub: 'victim', tid: 'evil' });
        let answered = false;
        victim.socket.io.engine.on('message', (data: unknown) => {
          if (String(data).startsWith('3902')) answered = true;
        });
        victim.socket.io.engine.write(packet);
        victim.socket.io.engine.write('2902["opwire:operation.list",{}]');
        await waitFor(
          () => !victim.socket.connected || answered,
          'an answer or a disconnect',
          2_000,
        ).catch(() => {});
        const outcome = !victim.socket.connected ? 'dropped' : answered ? 'answered' : 'waiting';
        victim.close();
        return outcome;
      }),
    );
    expect(outcomes.filter((outcome) => outcome === 'dropped').length).toBeGreaterThan(
      packets.length / 2,
    );
    const big = await connect({ sub: 'big', tid: 'evil' });
    const bigClosed = new Promise((resolve) => big.socket.on('disconnect', resolve));
    big.socket.emit('opwire:join', { room: 'x'.repeat(100_000) }, () => {});
    await bigClosed;

    for (const auth of [
      { token: 42 },
      { token: 'x'.repeat(9_000) },
      { v: 'one' },
      { token: signToken({ sub: '__proto__' }) },
      [],
    ]) {
      const client = createTestClient(url, auth as Record<string, unknown>);
      const outcome = await new Promise<unknown>((resolve) => {
        client.socket.on('connect', () => resolve('connected'));
        client.socket.io.on('close', () => resolve('closed'));
        client.socket.on('connect_error', (error: Error & { data?: { code?: string } }) =>
          resolve(error.data?.code),
        );
      });
      client.close();
      expect(['unauthorized', 'connected', 'closed']).toContain(outcome);
    }
    expect(watcher.socket.connected).toBe(true);
    expect(await watcher.request('opwire:operation.list', {})).toMatchObject({ ok: true });
  }, 60_000);
});
