// Limits: rooms per socket under a burst of joins, the HTTP rate limit per principal, and
// requests whose acknowledgement is not where the server first looked.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, request, startTarget, type Target, token } from './target.js';

const MAX_ROOMS = 5;
const HTTP_BURST = 5;
const HTTP_RATE = 1;
let target: Target;
let alice: Socket;

describe('limits', () => {
  beforeAll(async () => {
    target = await startTarget({
      limits: {
        maxRoomsPerSocket: MAX_ROOMS,
        requestsPerSecond: 1_000,
        burst: 1_000,
        httpRequestsPerSecond: HTTP_RATE,
        httpBurst: HTTP_BURST,
      },
    });
    alice = await connectAs(target.url, { sub: 'alice', tid: 'acme' });
  });
  afterAll(async () => {
    alice?.disconnect();
    await target?.kill();
  });

  it('holds at most maxRoomsPerSocket rooms after a burst of concurrent joins', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request<{ ok: boolean; error?: { code: string } }>(alice, 'opwire:join', {
          room: `chat:${i}`,
        }),
      ),
    );
    const joined = answers.filter((answer) => answer.ok).length;
    expect(joined).toBeLessThanOrEqual(MAX_ROOMS);
    expect(answers.filter((answer) => !answer.ok).map((answer) => answer.error?.code)).toEqual(
      Array(50 - joined).fill('rate_limited'),
    );
    const { sockets } = await target.ask<{
      sockets: Array<{ userId: string; requestedRooms: number }>;
    }>('sockets');
    const held = sockets.find((socket) => socket.userId === 'alice')?.requestedRooms;
    expect(held).toBe(joined);
    expect(held).toBeLessThanOrEqual(MAX_ROOMS);
  });

  it('answers a request whose only argument is its acknowledgement', async () => {
    const answer = await alice.timeout(20_000).emitWithAck('opwire:operation.list');
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('answers a request with an extra argument before its acknowledgement', async () => {
    const answer = await alice
      .timeout(20_000)
      .emitWithAck('opwire:operation.list', { status: 'all' }, 'extra');
    expect(answer).toMatchObject({ ok: true, operations: [] });
  });

  it('limits HTTP requests per principal with 429 rate_limited, and leaves other principals alone', async () => {
    const carol = token({ sub: 'carol', tid: 'acme' });
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${target.url}/opwire/api/operations`, {
          headers: { authorization: `Bearer ${carol}` },
        }).then(async (response) => ({
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          body: (await response.json()) as { error?: { code: string } },
        })),
      ),
    );
    const elapsedSeconds = (Date.now() - started) / 1000;
    const served = answers.filter((answer) => answer.status === 200).length;
    // The bucket refills while the requests are in flight: at most the burst plus that.
    expect(served).toBeLessThanOrEqual(HTTP_BURST + Math.ceil(elapsedSeconds * HTTP_RATE));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBe(30 - served);
    for (const answer of limited) {
      expect(answer.body.error?.code).toBe('rate_limited');
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    const dave = await fetch(`${target.url}/opwire/api/operations`, {
      headers: { authorization: `Bearer ${token({ sub: 'dave', tid: 'acme' })}` },
    });
    expect(dave.status).toBe(200);
  });
});
