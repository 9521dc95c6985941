import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import type { Socket as ServerSocket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { dropConnection, queuedBytes } from '../socket/outgoingBuffer.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const KB = 1024;

function onlySocket(): ServerSocket {
  const [socket] = server.opwire.io.of('/').sockets.values();
  if (socket === undefined) throw new Error('no socket on the server');
  return socket;
}

/** An Engine.IO long-polling session opened by hand, that sends no poll unless told to. */
async function pollingSession(url: string) {
  const engine = `${url}/opwire/socket.io/?EIO=4&transport=polling`;
  const open = await (await fetch(engine)).text();
  const { sid } = JSON.parse(open.slice(1)) as { sid: string };
  const connect = `40${JSON.stringify({ token: signToken({ sub: 'pat' }), v: 1, vmax: 2 })}`;
  await (await fetch(`${engine}&sid=${sid}`, { method: 'POST', body: connect })).text();
  const post = async (body: string) =>
    (await fetch(`${engine}&sid=${sid}`, { method: 'POST', body })).text();
  return {
    poll: async () => (await fetch(`${engine}&sid=${sid}`)).text(),
    /** Engine.IO's close packet, so the server need not wait for this client at shutdown. */
    close: () => post('1'),
  };
}

describe('queuedBytes', () => {
  it('counts the packets Engine.IO holds for a long-polling client that is not polling', async () => {
    server = await startTestServer();
    const session = await pollingSession(server.url);
    await waitFor(() => server.opwire.io.of('/').sockets.size === 1, 'the socket', 5_000);
    const socket = onlySocket();
    // What is queued now: the hello, not polled for yet.
    const before = queuedBytes(socket);
    expect(before).toBeGreaterThan(0);
    const chunk = 'y'.repeat(100 * KB);
    for (let i = 0; i < 3; i += 1) socket.emit('big', chunk);
    // Each packet is the encoded event, `2["big","…"]`.
    expect(queuedBytes(socket) - before).toBe(3 * (chunk.length + '2["big",""]'.length));
    const polled = await session.poll();
    expect(polled.length).toBeGreaterThan(3 * chunk.length);
    expect(queuedBytes(socket)).toBe(0);
    await session.close();
  });

  it('counts what a WebSocket client does not read, and nothing once it has read it all', async () => {
    server = await startTestServer();
    const client = await server.connect({ sub: 'wes' });
    const socket = onlySocket();
    const received: number[] = [];
    client.socket.on('big', (data: string) => received.push(data.length));
    const raw = (client.socket.io.engine.transport as unknown as { ws: { _socket: NodeJS.Socket } })
      .ws._socket;
    raw.pause();
    const chunk = 'w'.repeat(256 * KB);
    let sent = 0;
    // The kernels' buffers take the first megabytes; past them the queue grows in the server.
    while (queuedBytes(socket) < 2 * 1024 * KB && sent < 512) {
      socket.emit('big', chunk);
      sent += 1;
      if (sent % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(queuedBytes(socket)).toBeGreaterThanOrEqual(2 * 1024 * KB);
    expect(queuedBytes(socket)).toBeLessThanOrEqual(sent * (chunk.length + 16));
    raw.resume();
    await waitFor(() => received.length === sent, 'every chunk to arrive', 20_000);
    expect(queuedBytes(socket)).toBe(0);
  });
});

describe('dropConnection', () => {
  it('closes at once a connection whose client does not read, letting go of its queue', async () => {
    server = await startTestServer();
    const client = await server.connect({ sub: 'wes' });
    const socket = onlySocket();
    const raw = (client.socket.io.engine.transport as unknown as { ws: { _socket: NodeJS.Socket } })
      .ws._socket;
    raw.pause();
    const chunk = 'w'.repeat(256 * KB);
    for (let sent = 0; queuedBytes(socket) < 2 * 1024 * KB && sent < 512; sent += 1) {
      socket.emit('big', chunk);
      if (sent % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    }
    let reason = '';
    socket.once('disconnect', (why) => {
      reason = why;
    });
    dropConnection(socket);
    await waitFor(() => reason !== '', 'the disconnect', 5_000);
    expect(socket.conn.readyState).toBe('closed');
    // The network layer gives the unsent writes back once the destroyed socket's handle closed.
    await waitFor(() => queuedBytes(socket) === 0, 'the queue to be released', 5_000);
    expect(server.opwire.io.engine.clientsCount).toBe(0);
  });
});
