import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay standing for the network and a load balancer in front of the
 * nodes: new connections go to the preferred node, or the next one that
 * answers; `pause` cuts everything and refuses new connections for a while.
 */
export interface Relay {
  url: string;
  /** Cuts the connections passing through now (the client sees its transport close). */
  drop(): void;
  /** Cuts everything and refuses connections until `ms` have passed. */
  pause(ms: number): void;
  close(): Promise<void>;
}

export async function startRelay(ports: () => number[]): Promise<Relay> {
  const live = new Set<Socket>();
  let pausedUntil = 0;
  const track = (socket: Socket) => {
    live.add(socket);
    socket.on('close', () => live.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (Date.now() < pausedUntil) {
      client.destroy();
      return;
    }
    client.pause();
    const tryPort = (candidates: number[]) => {
      const [port, ...rest] = candidates;
      if (port === undefined) {
        client.destroy();
        return;
      }
      const upstream = connect(port, '127.0.0.1');
      upstream.once('error', () => tryPort(rest));
      upstream.once('connect', () => {
        track(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
    };
    tryPort(ports());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    drop() {
      for (const socket of live) socket.destroy();
    },
    pause(ms) {
      pausedUntil = Date.now() + ms;
      for (const socket of live) socket.destroy();
    },
    async close() {
      for (const socket of live) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
