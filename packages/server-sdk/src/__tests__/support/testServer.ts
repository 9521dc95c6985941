import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Ack,
  decodeOperationFrame,
  type Envelope,
  type Hello,
  PROTOCOL_VERSION,
} from '@opwire/protocol';
import { io as connectClient, type Socket } from 'socket.io-client';
import { createOpwire, type Opwire } from '../../createOpwire.js';
import type { OpwireOptions } from '../../options.js';
import { signToken, type TokenClaims, testAuth } from './tokens.js';
import { waitFor } from './waitFor.js';

/** A socket.io-client connection that records what it receives. */
export interface TestClient {
  socket: Socket;
  messages: Envelope[];
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

export interface TestServer {
  opwire: Opwire;
  httpServer: Server;
  url: string;
  /** Connects as the given claims (or with raw handshake `auth`) and waits for hello. */
  connect(
    claims: TokenClaims | { auth: Record<string, unknown> },
    options?: { waitHello?: boolean },
  ): Promise<TestClient>;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<OpwireOptions> = {}): Promise<TestServer> {
  const httpServer = createServer();
  // Tests end with jobs still running: by default close() ends them at once instead of waiting.
  const opwire = createOpwire({
    server: httpServer,
    auth: testAuth,
    ...options,
    lifecycle: { shutdownGraceMs: 0, ...options.lifecycle },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const clients: TestClient[] = [];

  return {
    opwire: opwire as Opwire,
    httpServer,
    url,
    async connect(claims, connectOptions = {}) {
      const auth = 'auth' in claims ? claims.auth : { token: signToken(claims), v: 1, vmax: 2 };
      const client = createTestClient(url, auth, options.path ?? '/opwire/socket.io');
      clients.push(client);
      if (connectOptions.waitHello === false) return client;
      await waitFor(() => client.hello !== undefined, 'hello');
      return client;
    },
    async close() {
      for (const client of clients) client.close();
      await opwire.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

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
    hello: undefined,
    request(event, body) {
      return socket.timeout(5_000).emitWithAck(event, body);
    },
    async waitForMessage(predicate, timeoutMs = 5_000) {
      let found: Envelope | undefined;
      await waitFor(
        () => {
          found = messages.find(predicate);
          return found !== undefined;
        },
        'a message',
        timeoutMs,
      );
      return found as Envelope;
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
  socket.on('opwire:op', (frame: unknown) => {
    const event = decodeOperationFrame(frame);
    if (event === undefined)
      throw new Error(`undecodable operation frame ${JSON.stringify(frame)}`);
    messages.push({
      v: PROTOCOL_VERSION,
      topic: event.topic,
      payload: event.payload,
      ts: event.ts,
      operationId: event.operationId,
      seq: event.seq,
    });
  });
  return client;
}
