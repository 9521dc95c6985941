// An opwire server in its own process, for the security suite to attack. It is configured by
// OPWIRE_SECURITY (JSON, see SecurityConfig) and answers questions over IPC about what the
// attacks made it do: policy calls, dropped and refused connections, what sockets keep.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRoom } from '@opwire/protocol';
import type { OpwireOptions } from '@opwire/server';
import { createOpwire } from '@opwire/server';
import { testAuth } from '@opwire/test-kit/tokens';
import { Server as SocketIOServer } from 'socket.io';

export interface SecurityConfig {
  limits?: OpwireOptions['limits'];
  cors?: { origin: string[] };
  allowAnonymous?: boolean;
  /** Pass opwire a Socket.IO server made here, as a Nest gateway would. */
  ownSocketServer?: boolean;
  /** How long the `project:{id}` policy takes, in ms. */
  policyDelayMs?: number;
}

const config = JSON.parse(process.env.OPWIRE_SECURITY ?? '{}') as SecurityConfig;
const PATH = '/opwire/socket.io';
let policyCalls = 0;

const httpServer = createServer((req, res) => opwire.http(req, res));
const ownIo = config.ownSocketServer ? new SocketIOServer(httpServer, { path: PATH }) : undefined;
// A namespace of the application's own next to opwire's: opwire's checks must leave it alone.
ownIo
  ?.of('/chat')
  .on('connection', (socket) =>
    socket.emit('welcome', { authorization: socket.handshake.headers.authorization ?? null }),
  );

const opwire = createOpwire({
  server: ownIo ?? httpServer,
  ...(ownIo ? { namespace: '/opwire' } : {}),
  auth: testAuth,
  allowAnonymous: config.allowAnonymous ?? false,
  progressIntervalMs: 0,
  ...(config.limits ? { limits: config.limits } : {}),
  ...(config.cors ? { cors: config.cors } : {}),
  rooms: {
    // Members of tenant globex may join any project; a slow policy, as a database call is.
    'project:{projectId}': async ({ principal }) => {
      policyCalls += 1;
      await new Promise((resolve) => setTimeout(resolve, config.policyDelayMs ?? 0));
      return principal.tenantId === 'globex';
    },
    'chat:{chatId}': async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return true;
    },
  },
});
const namespace = opwire.io.of(ownIo ? '/opwire' : '/');
const dropped: unknown[] = [];
const refused: unknown[] = [];
opwire.events.on('connection.dropped', (info) => dropped.push(info));
opwire.events.on('connection.refused', (info) => refused.push(info));

await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

type Message =
  | { type: 'operation'; audience: Record<string, unknown>; events?: number; messageBytes?: number }
  | { type: 'snapshot'; id: string }
  | { type: 'counters' }
  | { type: 'dropped' }
  | { type: 'sockets' }
  | { type: 'memory' };

process.on('message', async (message: Message) => {
  if (message.type === 'operation') {
    const op = opwire.operation.start('probe', { audience: message.audience as never });
    const text = 'x'.repeat(message.messageBytes ?? 10);
    for (let i = 1; i <= (message.events ?? 0); i += 1) op.progress(i % 100, `${i} ${text}`);
    await waitUntilStored(op.id, 1 + (message.events ?? 0));
    process.send?.({ type: 'operation', id: op.id });
  }
  if (message.type === 'snapshot') {
    process.send?.({ type: 'snapshot', snapshot: await opwire.operation.get(message.id) });
  }
  if (message.type === 'counters') {
    process.send?.({ type: 'counters', policyCalls, dropped, refused, stats: opwire.stats() });
  }
  if (message.type === 'dropped') {
    // Answers once a socket was dropped: at once when one already was.
    if (dropped.length === 0) {
      await new Promise((resolve) => opwire.events.once('connection.dropped', resolve));
    }
    process.send?.({ type: 'dropped', dropped });
  }
  if (message.type === 'sockets') {
    const sockets = [...namespace.sockets.values()].map((socket) => ({
      ...roomsHeld(socket.id, socket.rooms),
      handshakeAuthorization: socket.handshake.headers.authorization ?? null,
      requestAuthorization: socket.request.headers.authorization ?? null,
      rawAuthorization: socket.request.rawHeaders.some((h) => h.toLowerCase() === 'authorization'),
      auth: socket.handshake.auth,
    }));
    process.send?.({ type: 'sockets', sockets, engineClients: opwire.io.engine.clientsCount });
  }
  if (message.type === 'memory') {
    process.send?.({ type: 'memory', rss: process.memoryUsage().rss });
  }
});

/** Whose socket it is (from its user room), and how many rooms it joined on request. */
function roomsHeld(socketId: string, rooms: ReadonlySet<string>) {
  let userId: string | null = null;
  let requestedRooms = 0;
  for (const room of rooms) {
    if (room === socketId) continue;
    const parsed = parseRoom(room);
    if (parsed?.kind === 'user') userId = parsed.userId;
    else if (parsed?.kind === 'custom' || parsed?.kind === 'operation') requestedRooms += 1;
  }
  return { userId, requestedRooms };
}

/** Waits until the store holds `seq` events of the operation (progress is stored in order). */
async function waitUntilStored(id: string, seq: number): Promise<void> {
  for (;;) {
    const snapshot = await opwire.operation.get(id);
    if (snapshot !== null && snapshot.seq >= seq) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

process.send?.({ type: 'ready', url });
