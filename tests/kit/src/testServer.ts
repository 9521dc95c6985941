import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket as TcpSocket } from 'node:net';
import {
  type Ack,
  decodeOperationFrame,
  type Envelope,
  envelopeOfEvent,
  type Hello,
} from '@opwire/protocol';
import { createOpwire, type Opwire, type OpwireOptions } from '@opwire/server';
import { io as connectClient, type Socket } from 'socket.io-client';
import { freePort } from './freePort.js';
import { signToken, type TokenClaims, testAuth } from './tokens.js';
import { waitFor } from './waitFor.js';

/** A socket.io-client connection that records what it receives. */
export interface TestClient {
  socket: Socket;
  messages: Envelope[];
  /** How many operation events each `opwire:op` packet carried, in arrival order. */
  operationPackets: number[];
  hello: Hello | undefined;
  request<T extends object = Record<string, unknown>>(
    event: string,
    body: unknown,
  ): Promise<Ack<T>>;
  /** Waits until a received message satisfies `predicate`, and returns it. */
  waitForMessage(predicate: (message: Envelope) => boolean, timeoutMs?: number): Promise<Envelope>;
  operationEvents(operationId: string): Envelope[];
  close(): void;
}

export interface TestServerOptions extends Partial<OpwireOptions> {
  /**
   * Listen on this port (a restart reuses the previous one). @default a free port below the
   * ephemeral range, so no outgoing connection can take it before a restart binds it again
   */
  port?: number;
  /**
   * Answers the app's own requests, as routes mounted before opwire's would: it returns
   * `true` for a request it answered; the rest go to opwire's HTTP API.
   */
  routes?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

export interface TestServer {
  opwire: Opwire;
  http: Server;
  url: string;
  port: number;
  /** TCP connections accepted since the start, and open now. */
  tcp: { accepted: number; open: number };
  /** Connects a raw socket as the given claims (or with raw handshake `auth`) and waits for hello. */
  connect(
    claims: TokenClaims | { auth: Record<string, unknown> },
    options?: { waitHello?: boolean },
  ): Promise<TestClient>;
  /** Destroys every open TCP connection, as a network failure would. */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * A real opwire server on a real HTTP server, with opwire's HTTP API mounted and the test
 * tokens' auth (see tokens.ts). Options go to `createOpwire`; jobs still running when a
 * test closes the server end at once, without a grace period, unless `lifecycle` says else.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { port: requestedPort, routes, ...opwireOptions } = options;
  const port = requestedPort ?? (await freePort());
  const sockets = new Set<TcpSocket>();
  const tcp = { accepted: 0, open: 0 };
  // The request listener exists before Socket.IO attaches, so Socket.IO hands it only the
  // requests outside its own path.
  const http = createServer((request, response) => {
    if (routes?.(request, response)) return;
    opwire.http(request, response);
  });
  http.on('connection', (socket) => {
    tcp.accepted += 1;
    tcp.open += 1;
    sockets.add(socket);
    socket.on('close', () => {
      tcp.open -= 1;
      sockets.delete(socket);
    });
  });
  const opwire = createOpwire({
    server: http,
    auth: testAuth,
    ...opwireOptions,
    lifecycle: { shutdownGraceMs: 0, ...opwireOptions.lifecycle },
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  const clients: TestClient[] = [];
  let closed = false;

  return {
    opwire,
    http,
    url,
    port: address.port,
    tcp,
    async connect(claims, connectOptions = {}) {
      const auth = 'auth' in claims ? claims.auth : { token: signToken(claims), v: 1, vmax: 2 };
      const client = createTestClient(url, auth, opwireOptions.path ?? '/opwire/socket.io');
      clients.push(client);
      if (connectOptions.waitHello === false) return client;
      await waitFor(() => client.hello !== undefined, 'hello');
      return client;
    },
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const client of clients) client.close();
      await opwire.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** A raw socket.io-client connection that records messages and operation events as envelopes. */
export function createTestClient(
  url: string,
  auth: Record<string, unknown>,
  path = '/opwire/socket.io',
): TestClient {
  const socket = connectClient(url, {
    path,
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const messages: Envelope[] = [];
  const client: TestClient = {
    socket,
    messages,
    operationPackets: [],
    hello: undefined,
    request(event, body) {
      return socket.timeout(5_000).emitWithAck(event, body);
    },
    waitForMessage(predicate, timeoutMs = 5_000) {
      return waitFor(() => messages.find(predicate), 'a message', timeoutMs);
    },
    operationEvents(operationId) {
      return messages.filter((message) => message.operationId === operationId);
    },
    close() {
      socket.disconnect();
    },
  };
  socket.on('opwire:hello', (hello: Hello) => {
    client.hello = hello;
  });
  socket.on('opwire:message', (envelope: Envelope) => {
    messages.push(envelope);
  });
  // Operation events arrive as frames; tests read them as the envelopes subscribers get.
  socket.on('opwire:op', (...frames: unknown[]) => {
    client.operationPackets.push(frames.length);
    for (const frame of frames) {
      const event = decodeOperationFrame(frame);
      if (event === undefined)
        throw new Error(`undecodable operation frame ${JSON.stringify(frame)}`);
      messages.push(envelopeOfEvent(event));
    }
  });
  return client;
}
