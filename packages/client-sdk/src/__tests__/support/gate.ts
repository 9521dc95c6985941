import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * What the gate lets through:
 * - `open`: everything;
 * - `down`: nothing (every connection is cut at once, like an unreachable host);
 * - `blockSocket`: requests for the Socket.IO path are refused with 403 and
 *   WebSocket upgrades cut, while other HTTP requests pass (a proxy that
 *   blocks WebSockets and long-polling).
 */
export type GateMode = 'open' | 'down' | 'blockSocket';

export interface Gate {
  url: string;
  mode: GateMode;
  /** Cuts every connection passing through right now. */
  dropAll(): void;
  close(): Promise<void>;
}

/** A TCP relay in front of a server, to cut and block the client's network for real. */
export async function startGate(
  targetPort: number,
  socketPath = '/opwire/socket.io',
): Promise<Gate> {
  const live = new Set<Socket>();
  const track = (socket: Socket) => {
    live.add(socket);
    socket.on('close', () => live.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (gate.mode === 'down') {
      client.destroy();
      return;
    }
    client.once('data', (first: Buffer) => {
      const requestLine = first.subarray(0, first.indexOf('\r\n')).toString('latin1');
      if (gate.mode === 'blockSocket' && requestLine.includes(socketPath)) {
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      if (gate.mode === 'down') {
        client.destroy();
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1');
      track(upstream);
      upstream.write(first);
      client.pipe(upstream);
      upstream.pipe(client);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const gate: Gate = {
    url: `http://127.0.0.1:${address.port}`,
    mode: 'open',
    dropAll() {
      for (const socket of live) socket.destroy();
    },
    async close() {
      gate.dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return gate;
}
