// Existence oracle: an operation the caller may not see and one that does not exist must cost
// the same work (room policy calls) and get byte-identical answers, over sockets and HTTP.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, request, startTarget, type Target, token } from './target.js';

let target: Target;
let mallory: Socket;
let hidden: string;
const MISSING = 'no-such-operation';
const malloryToken = token({ sub: 'mallory', tid: 'acme' });

/** Every answer about one id, with the id itself taken out so two ids can be compared. */
async function socketProbes(id: string): Promise<string> {
  const answers = [
    await request(mallory, 'opwire:operation.get', { id }),
    await request(mallory, 'opwire:operation.cancel', { id, reason: 'probe' }),
    await request(mallory, 'opwire:join', { room: `operation:${id}` }),
    await request(mallory, 'opwire:resume', { operations: [{ id, seq: 0, epoch: 'e' }] }),
  ];
  return JSON.stringify(answers).replaceAll(id, 'ID');
}

async function httpProbes(id: string, rooms?: string): Promise<string> {
  const query = rooms === undefined ? '' : `?rooms=${rooms}`;
  const headers = { authorization: `Bearer ${malloryToken}` };
  const answers = [];
  for (const [method, path] of [
    ['GET', `/operations/${id}${query}`],
    ['POST', `/operations/${id}/cancel${query}`],
  ] as const) {
    const response = await fetch(`${target.url}/opwire/api${path}`, { method, headers });
    answers.push({ status: response.status, body: await response.text() });
  }
  return JSON.stringify(answers).replaceAll(id, 'ID');
}

/** The policy calls `probe` causes. */
async function policyCallsOf(probe: () => Promise<unknown>): Promise<number> {
  const before = await target.policyCalls();
  await probe();
  return (await target.policyCalls()) - before;
}

describe('existence of operations', () => {
  beforeAll(async () => {
    target = await startTarget({ policyDelayMs: 20 });
    // Addressed to a user of another tenant and to a custom room whose policy is slow.
    hidden = await target.operation({ user: 'bob', rooms: ['project:7'] }, 3);
    mallory = await connectAs(target.url, { sub: 'mallory', tid: 'acme' });
  });
  afterAll(async () => {
    mallory?.disconnect();
    await target?.kill();
  });

  it('answers an invisible and a missing id alike over a socket, without running any policy', async () => {
    let invisible = '';
    let missing = '';
    const invisibleCalls = await policyCallsOf(async () => {
      invisible = await socketProbes(hidden);
    });
    const missingCalls = await policyCallsOf(async () => {
      missing = await socketProbes(MISSING);
    });
    expect(invisible).toBe(missing);
    expect(invisible).toContain('not_found');
    expect(invisibleCalls).toBe(missingCalls);
    expect(invisibleCalls).toBe(0);
  });

  it('answers an invisible and a missing id alike over HTTP, with equal policy calls', async () => {
    let invisible = '';
    let missing = '';
    const invisibleCalls = await policyCallsOf(async () => {
      invisible = await httpProbes(hidden);
    });
    const missingCalls = await policyCallsOf(async () => {
      missing = await httpProbes(MISSING);
    });
    expect(invisible).toBe(missing);
    expect(invisible).toContain('"status":404');
    expect(invisibleCalls).toBe(missingCalls);
  });

  it('spends the same policy calls on named rooms whether the id exists or not', async () => {
    let invisible = '';
    let missing = '';
    const invisibleCalls = await policyCallsOf(async () => {
      invisible = await httpProbes(hidden, 'project:7,project:8');
    });
    const missingCalls = await policyCallsOf(async () => {
      missing = await httpProbes(MISSING, 'project:7,project:8');
    });
    expect(invisible).toBe(missing);
    expect(invisibleCalls).toBe(missingCalls);
    // Two named rooms on each of two requests: the policy ran for what was named, nothing more.
    expect(invisibleCalls).toBe(4);
  });

  it('still shows the operation to a caller holding one of its rooms, over either transport', async () => {
    const globex = token({ sub: 'gina', tid: 'globex' });
    const named = await fetch(`${target.url}/opwire/api/operations/${hidden}?rooms=project:7`, {
      headers: { authorization: `Bearer ${globex}` },
    });
    expect(named.status).toBe(200);
    const unnamed = await fetch(`${target.url}/opwire/api/operations/${hidden}`, {
      headers: { authorization: `Bearer ${globex}` },
    });
    expect(unnamed.status).toBe(404);
    const gina = await connectAs(target.url, { sub: 'gina', tid: 'globex' });
    expect(await request(gina, 'opwire:operation.get', { id: hidden })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await request(gina, 'opwire:join', { room: 'project:7' })).toMatchObject({ ok: true });
    expect(await request(gina, 'opwire:operation.get', { id: hidden })).toMatchObject({
      ok: true,
      snapshot: { id: hidden },
    });
    gina.disconnect();
  });
});
