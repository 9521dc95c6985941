// Origins and CSRF: JSONP polling, handshakes and state-changing HTTP requests from other
// sites, on a Socket.IO server opwire creates and on one the application passes in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, SOCKET_PATH, socketTo, startTarget, type Target, token } from './target.js';

const ALLOWED = 'https://app.example.com';
const HOSTILE = 'https://evil.example.net';
const aliceToken = token({ sub: 'alice', tid: 'acme' });

/** The script a JSONP poll answers, read back into the Engine.IO payload it carries. */
function jsonpPayload(script: string): string {
  const literal = /^___eio\[\d*\]\((".*")\);$/s.exec(script)?.[1];
  if (literal === undefined) throw new Error(`not a JSONP answer: ${script.slice(0, 80)}`);
  return JSON.parse(literal) as string;
}

/**
 * What a page on another site could do with `<script>` tags and a form: open a JSONP
 * session, send the namespace CONNECT, and read the answer. Resolves with the answer's
 * Socket.IO packet, or the status of the first refused request.
 */
async function jsonpConnect(url: string, namespace: string, auth: object): Promise<string> {
  const engine = `${url}${SOCKET_PATH}/?EIO=4&transport=polling&j=0`;
  const headers = { 'sec-fetch-site': 'cross-site' };
  const open = await fetch(engine, { headers });
  if (open.status !== 200) return `refused ${open.status}`;
  const handshake = jsonpPayload(await open.text());
  const { sid } = JSON.parse(handshake.slice(1)) as { sid: string };
  const prefix = namespace === '/' ? '' : `${namespace},`;
  const posted = await fetch(`${engine}&sid=${sid}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: `d=${encodeURIComponent(`40${prefix}${JSON.stringify(auth)}`)}`,
  });
  await posted.text();
  const answer = await fetch(`${engine}&sid=${sid}`, { headers });
  return jsonpPayload(await answer.text());
}

async function cancel(target: Target, id: string, headers: Record<string, string>) {
  const response = await fetch(`${target.url}/opwire/api/operations/${id}/cancel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${aliceToken}`, ...headers },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function statusOf(target: Target, id: string): Promise<string> {
  const { snapshot } = await target.ask<{ snapshot: { status: string } }>('snapshot', { id });
  return snapshot.status;
}

describe('a server opwire created, with cors.origin set', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget({ cors: { origin: [ALLOWED] } });
  });
  afterAll(() => target?.kill());

  it('refuses JSONP polling before any engine session exists', async () => {
    const before = (await target.ask<{ engineClients: number }>('sockets')).engineClients;
    const response = await fetch(`${target.url}${SOCKET_PATH}/?EIO=4&transport=polling&j=0`);
    expect(response.status).toBe(403);
    await response.text();
    expect((await target.ask<{ engineClients: number }>('sockets')).engineClients).toBe(before);
  });

  it.each<[string, Record<string, string>]>([
    ['another Origin', { origin: HOSTILE }],
    ['Sec-Fetch-Site: cross-site and no Origin', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses a handshake from %s, over polling and WebSocket', async (_name, extraHeaders) => {
    for (const transport of ['polling', 'websocket'] as const) {
      const socket = socketTo(target.url, {
        auth: { token: aliceToken, v: 1, vmax: 2 },
        transports: [transport],
        extraHeaders,
      });
      expect(await outcome(socket), transport).not.toBe('connected');
      socket.disconnect();
    }
  });

  it('accepts the allowed origin, and callers that send no Origin (servers, scripts)', async () => {
    for (const extraHeaders of [
      { origin: ALLOWED, 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      {},
    ]) {
      const socket = socketTo(target.url, {
        auth: { token: aliceToken, v: 1, vmax: 2 },
        transports: ['polling'],
        extraHeaders,
      });
      expect(await outcome(socket), JSON.stringify(extraHeaders)).toBe('connected');
      socket.disconnect();
    }
  });

  it('refuses a cross-site cancel and cancels nothing; the allowed origin cancels', async () => {
    const id = await target.operation({ user: 'alice' });
    for (const headers of [{ origin: HOSTILE }, { 'sec-fetch-site': 'cross-site' }]) {
      const refused = await cancel(target, id, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'forbidden' } });
      expect(await statusOf(target, id)).toBe('running');
    }
    expect((await cancel(target, id, { origin: ALLOWED })).status).toBe(202);
  });

  it('still serves reads to other origins (the browser keeps their answers from the page)', async () => {
    const id = await target.operation({ user: 'alice' });
    const response = await fetch(`${target.url}/opwire/api/operations/${id}`, {
      headers: { authorization: `Bearer ${aliceToken}`, origin: HOSTILE },
    });
    expect(response.status).toBe(200);
    await response.text();
  });
});

describe('a Socket.IO server the application passes in, with cors.origin set', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget({ ownSocketServer: true, cors: { origin: [ALLOWED] } });
  });
  afterAll(() => target?.kill());

  it("refuses handshakes to opwire's namespace from another origin", async () => {
    for (const extraHeaders of [{ origin: HOSTILE }, { 'sec-fetch-site': 'cross-site' }]) {
      const socket = socketTo(target.url, {
        namespace: '/opwire',
        auth: { token: aliceToken, v: 1, vmax: 2 },
        extraHeaders,
      });
      expect(await outcome(socket)).toMatchObject({ code: 'forbidden' });
      socket.disconnect();
    }
    const allowed = socketTo(target.url, {
      namespace: '/opwire',
      auth: { token: aliceToken, v: 1, vmax: 2 },
      extraHeaders: { origin: ALLOWED },
    });
    expect(await outcome(allowed)).toBe('connected');
    allowed.disconnect();
  });

  it("leaves the application's other namespaces to the application", async () => {
    const socket = socketTo(target.url, { namespace: '/chat', extraHeaders: { origin: HOSTILE } });
    expect(await outcome(socket)).toBe('connected');
    socket.disconnect();
  });
});

describe('without cors (the default)', () => {
  let owned: Target;
  let passedIn: Target;
  beforeAll(async () => {
    [owned, passedIn] = await Promise.all([startTarget(), startTarget({ ownSocketServer: true })]);
  });
  afterAll(async () => {
    await owned?.kill();
    await passedIn?.kill();
  });

  it('refuses JSONP polling on a server opwire created', async () => {
    expect(await jsonpConnect(owned.url, '/', { token: aliceToken, v: 1, vmax: 2 })).toBe(
      'refused 403',
    );
  });

  it("refuses a JSONP session's CONNECT to opwire's namespace on a server passed in", async () => {
    const answer = await jsonpConnect(passedIn.url, '/opwire', {
      token: aliceToken,
      v: 1,
      vmax: 2,
    });
    expect(answer.startsWith('44/opwire,')).toBe(true);
    expect(JSON.parse(answer.slice('44/opwire,'.length))).toMatchObject({
      data: { code: 'forbidden' },
    });
  });

  it('accepts WebSocket handshakes from any origin: set cors.origin for cookie-based auth', async () => {
    const socket = socketTo(owned.url, {
      auth: { token: aliceToken, v: 1, vmax: 2 },
      extraHeaders: { origin: HOSTILE },
    });
    expect(await outcome(socket)).toBe('connected');
    socket.disconnect();
  });
});
