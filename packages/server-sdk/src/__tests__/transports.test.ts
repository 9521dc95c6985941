import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestClient, type TestClient } from '@opwire/test-kit/testServer';
import { signToken, testAuth } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpwire, type Opwire } from '../createOpwire.js';

// One table of requests, each sent over a socket and over HTTP by the same principal holding
// the same rooms (the socket joined `chat:42`; the HTTP caller names it). Both transports
// must give the same answer: the request core behind them is one.

type Request =
  | { kind: 'get'; id: string }
  | { kind: 'list'; status: 'active' | 'all' }
  | { kind: 'cancel'; id: string; reason?: string };

/** An answer with the transport taken out. */
interface Outcome {
  ok: boolean;
  code?: string;
  message?: string;
  ids?: string[];
  id?: string;
}

let opwire: Opwire;
let url: string;
let socket: TestClient;
let close: () => Promise<void>;
const ROOM = 'chat:42';
const aliceToken = signToken({ sub: 'alice', tid: 'acme' });
const ops: Record<string, string> = {};

function outcomeOf(ok: boolean, data: Record<string, unknown>): Outcome {
  if (!ok) {
    const error = data.error as { code: string; message: string };
    return { ok, code: error.code, message: error.message };
  }
  if ('snapshot' in data) return { ok, ids: [(data.snapshot as { id: string }).id] };
  if ('operations' in data)
    return { ok, ids: (data.operations as Array<{ id: string }>).map((op) => op.id).sort() };
  return { ok, id: data.id as string };
}

async function overSocket(request: Request): Promise<Outcome> {
  const [event, body] =
    request.kind === 'get'
      ? ['opwire:operation.get', { id: request.id }]
      : request.kind === 'list'
        ? ['opwire:operation.list', { status: request.status }]
        : ['opwire:operation.cancel', { id: request.id, reason: request.reason }];
  const answer = (await socket.request(event, body)) as { ok: boolean } & Record<string, unknown>;
  return outcomeOf(answer.ok, answer);
}

async function overHttp(request: Request): Promise<Outcome> {
  const rooms = `rooms=${ROOM}`;
  const [method, path] =
    request.kind === 'get'
      ? ['GET', `/operations/${request.id}?${rooms}`]
      : request.kind === 'list'
        ? ['GET', `/operations?status=${request.status}&${rooms}`]
        : ['POST', `/operations/${request.id}/cancel?${rooms}`];
  const response = await fetch(`${url}/opwire/api${path}`, {
    method,
    headers: { authorization: `Bearer ${aliceToken}`, 'content-type': 'application/json' },
    ...(request.kind === 'cancel' && request.reason !== undefined
      ? { body: JSON.stringify({ reason: request.reason }) }
      : {}),
  });
  return outcomeOf(response.ok, (await response.json()) as Record<string, unknown>);
}

/** A running operation for one cancel case on one transport. */
function cancellable(audience: Parameters<Opwire['operation']['start']>[1]['audience']): string {
  return opwire.operation.start('cancellable', { audience }).id;
}

describe('the same request over a socket and over HTTP', () => {
  beforeAll(async () => {
    const server = createServer((req, res) => opwire.http(req, res));
    opwire = createOpwire({
      server,
      auth: testAuth,
      rooms: { 'chat:{chatId}': ({ params }) => params.chatId === '42' },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      socket?.close();
      await opwire.close();
      await new Promise((resolve) => server.close(resolve));
    };
    const { operation } = opwire;
    ops.own = operation.start('a', { audience: { user: 'alice' } }).id;
    ops.tenant = operation.start('b', { audience: { tenant: 'acme' } }).id;
    ops.foreign = operation.start('c', { audience: { tenant: 'globex' } }).id;
    ops.chat = operation.start('d', { audience: { rooms: [ROOM] } }).id;
    ops.otherChat = operation.start('e', { audience: { rooms: ['chat:7'] } }).id;
    const ended = operation.start('f', { audience: { user: 'alice' } });
    ended.complete();
    await ended.done;
    ops.ended = ended.id;
    socket = createTestClient(url, { token: aliceToken, v: 1, vmax: 2 });
    await waitFor(() => socket.hello !== undefined, 'hello', 5_000);
    expect(await socket.request('opwire:join', { room: ROOM })).toMatchObject({ ok: true });
  });
  afterAll(() => close());

  const table: Array<[string, (transport: 'socket' | 'http') => Request, Outcome | 'not_found']> = [
    ['get an operation of its own', () => get('own'), { ok: true, ids: ['own'] }],
    ['get an operation of its tenant', () => get('tenant'), { ok: true, ids: ['tenant'] }],
    ['get an operation of a custom room it holds', () => get('chat'), { ok: true, ids: ['chat'] }],
    ['get an operation of a custom room it does not hold', () => get('otherChat'), 'not_found'],
    ["get another tenant's operation", () => get('foreign'), 'not_found'],
    ['get an operation that does not exist', () => ({ kind: 'get', id: 'missing' }), 'not_found'],
    [
      'list active operations',
      () => ({ kind: 'list', status: 'active' }),
      { ok: true, ids: ['own', 'tenant', 'chat'] },
    ],
    [
      'list all operations',
      () => ({ kind: 'list', status: 'all' }),
      { ok: true, ids: ['own', 'tenant', 'chat', 'ended'] },
    ],
    [
      'cancel an operation of its own, with a reason',
      (transport) => {
        ops[`cancel-${transport}`] = cancellable({ user: 'alice' });
        return { kind: 'cancel', id: ops[`cancel-${transport}`] as string, reason: 'not needed' };
      },
      { ok: true, id: 'cancel' },
    ],
    [
      'cancel an operation of a custom room it holds',
      (transport) => {
        ops[`room-cancel-${transport}`] = cancellable({ rooms: [ROOM] });
        return { kind: 'cancel', id: ops[`room-cancel-${transport}`] as string };
      },
      { ok: true, id: 'room-cancel' },
    ],
    ['cancel an operation that ended', () => cancel('ended'), { ok: false, code: 'conflict' }],
    ["cancel another tenant's operation", () => cancel('foreign'), 'not_found'],
    [
      'cancel an operation that does not exist',
      () => ({ kind: 'cancel', id: 'missing' }),
      'not_found',
    ],
  ];

  it.each(table)('%s', async (_name, request, expected) => {
    const answers: Record<string, Outcome> = {};
    for (const transport of ['socket', 'http'] as const) {
      answers[transport] = await (transport === 'socket' ? overSocket : overHttp)(
        request(transport),
      );
    }
    const named = (outcome: Outcome): Outcome => {
      const byId = new Map(Object.entries(ops).map(([name, id]) => [id, name]));
      const name = (id: string) => (byId.get(id) ?? id).replace(/-(socket|http)$/, '');
      return {
        ...outcome,
        ...(outcome.ids ? { ids: outcome.ids.map(name).sort() } : {}),
        ...(outcome.id ? { id: name(outcome.id) } : {}),
        ...(outcome.message ? { message: outcome.message.replace(/"[^"]+"/g, '"ID"') } : {}),
      };
    };
    const want =
      expected === 'not_found'
        ? { ok: false, code: 'not_found', message: 'No such operation, or you may not see it.' }
        : expected;
    const sorted = want.ids ? { ...want, ids: [...want.ids].sort() } : want;
    expect(named(answers.socket as Outcome)).toMatchObject(sorted);
    expect(named(answers.http as Outcome)).toEqual(named(answers.socket as Outcome));
  });

  it('carries the cancel reason into the operation over both transports', async () => {
    for (const transport of ['socket', 'http']) {
      const snapshot = await opwire.operation.get(ops[`cancel-${transport}`] as string);
      expect(snapshot, transport).toMatchObject({ status: 'cancelled', message: 'not needed' });
    }
  });
});

function get(name: string): Request {
  return { kind: 'get', id: ops[name] as string };
}

function cancel(name: string): Request {
  return { kind: 'cancel', id: ops[name] as string };
}
