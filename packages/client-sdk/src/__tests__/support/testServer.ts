import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { createOpwire, jwtAuth, memoryStore, type RoomPolicy } from '@opwire/server';
import jwt from 'jsonwebtoken';

export const SECRET = 'client-sdk-test-secret';

type Store = NonNullable<Parameters<typeof createOpwire>[0]['store']>;

export interface TestServerOptions {
  /** Listen on this port (a restart reuses the previous one). @default a free port */
  port?: number;
  store?: Store;
  rooms?: Readonly<Record<string, RoomPolicy>>;
}

export interface TestServer {
  url: string;
  port: number;
  opwire: ReturnType<typeof createOpwire>;
  http: Server;
  /** Destroys every open TCP connection, as a network failure would. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** A real opwire server on a real HTTP server, with its HTTP handler mounted. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const sockets = new Set<Socket>();
  // The request listener exists before Socket.IO attaches, so Socket.IO hands it only the
  // requests outside its own path.
  const http = createServer((req, res) => opwire.http(req, res));
  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const opwire = createOpwire({
    // Jobs still running when a test closes the server end at once, without a grace period.
    lifecycle: { shutdownGraceMs: 0 },
    server: http,
    auth: jwtAuth({
      secret: SECRET,
      algorithms: ['HS256'],
      claims: (payload) => ({
        userId: String(payload.sub),
        tenantId: payload.tid as string,
        roles: (payload.roles as string[] | undefined) ?? [],
      }),
    }),
    store: options.store ?? memoryStore(),
    progressIntervalMs: 0,
    ...(options.rooms === undefined ? {} : { rooms: options.rooms }),
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const port = address.port;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    opwire,
    http,
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      if (closed) return;
      closed = true;
      await opwire.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export interface TokenClaims {
  sub?: string;
  tid?: string;
  roles?: string[];
  /** Seconds until the token expires. @default 3600 */
  expiresIn?: number;
}

/** A token the test server accepts (or, with another secret, refuses). */
export function signToken(claims: TokenClaims = {}, secret = SECRET): string {
  const { expiresIn = 3_600, sub = 'u1', tid = 't1', roles = [] } = claims;
  return jwt.sign({ sub, tid, roles }, secret, { algorithm: 'HS256', expiresIn });
}
