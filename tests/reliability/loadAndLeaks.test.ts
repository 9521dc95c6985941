import { forkBundled, type TestProcess } from '@opwire/test-kit/forkBundled';
import { signToken } from '@opwire/test-kit/tokens';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const LONG = process.env.OPWIRE_LONG === '1';
const CYCLES = Number(process.env.OPWIRE_CYCLES ?? (LONG ? 100_000 : 4_000));
const OPERATIONS = 10_000;
const CONCURRENCY = 50;
const TTL_MS = 1_000;

let server: TestProcess;
let url: string;

async function ask<T>(type: string, extra: Record<string, unknown> = {}): Promise<T> {
  server.send({ type, ...extra });
  return (await server.next(type, {}, 120_000)) as T;
}

/** Lets the ended operations' TTL pass, then has the store drop them. */
async function waitForTtl(): Promise<void> {
  // The store's TTL is a duration: there is no event to wait for.
  await new Promise((resolve) => setTimeout(resolve, TTL_MS + 100));
  expect((await ask<{ left: number }>('sweep')).left).toBe(0);
}

/** One socket: connect with a token, wait for hello, join a room, disconnect, wait until closed. */
function cycle(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path: '/opwire/socket.io',
      auth: {
        token: signToken(
          { sub: `user${index % 500}`, tid: `t${index % 7}` },
          { expiresInSec: 600 },
        ),
        v: 1,
        vmax: 2,
      },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const timer = setTimeout(() => reject(new Error(`cycle ${index} timed out`)), 10_000);
    socket.on('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('opwire:hello', () => {
      socket.emit('opwire:join', { room: 'chat:1' }, () => socket.disconnect());
    });
    socket.on('disconnect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs `count` cycles, `CONCURRENCY` at a time, as the load does. */
async function runCycles(count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next += 1;
        await cycle(next);
      }
    }),
  );
}

describe('load and leaks in one server process', () => {
  beforeAll(async () => {
    server = await forkBundled(new URL('./serverProcess.ts', import.meta.url), {
      OPWIRE_TTL_MS: String(TTL_MS),
    });
    url = (await server.next('ready')).url as string;
    // Warm up to steady state before the baseline: compiled code, caches, and hash tables
    // grown to the load's size (a Map keeps its capacity after its entries are deleted).
    // As many sockets at once as the load has, so a busy machine does not time out the handshakes.
    await runCycles(1_000);
    await ask('operations', { tenant: 'warm', count: OPERATIONS });
    await waitForTtl();
  }, 60_000);
  afterAll(async () => {
    await server?.kill();
  });

  it(`returns to its baseline after ${CYCLES} connect/disconnect cycles and ${OPERATIONS} operations`, async () => {
    const before = await ask<{ heap: number; resources: Record<string, number> }>('heap');
    const listenersBefore = await ask<{ counts: Record<string, number> }>('listeners');
    const started = Date.now();
    await runCycles(CYCLES);
    const cycleSeconds = (Date.now() - started) / 1000;
    await ask('operations', { tenant: 'load', count: OPERATIONS });
    await waitForTtl();
    const { stats } = await ask<{
      stats: { connections: { authenticated: number; anonymous: number } };
    }>('stats');
    expect(stats.connections).toEqual({ authenticated: 0, anonymous: 0 });
    const after = await ask<{ heap: number; resources: Record<string, number> }>('heap');
    const listenersAfter = await ask<{ counts: Record<string, number> }>('listeners');
    console.info(
      `load: ${CYCLES} cycles in ${cycleSeconds.toFixed(1)} s (${Math.round(CYCLES / cycleSeconds)}/s), ` +
        `heap ${(before.heap / 1e6).toFixed(1)} MB → ${(after.heap / 1e6).toFixed(1)} MB, resources ${JSON.stringify(after.resources)}`,
    );
    expect(listenersAfter.counts).toEqual({
      ...listenersBefore.counts,
      sockets: 0,
      engineClients: 0,
      adapterRooms: 0,
    });
    expect(after.resources).toEqual(before.resources);
    expect(after.heap, `heap before ${before.heap}, after ${after.heap}`).toBeLessThan(
      before.heap * 1.1,
    );
  }, 600_000);
});
