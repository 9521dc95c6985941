import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

export interface WireServer {
  io: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * A server written against the wire protocol by hand, speaking protocol version `v`: it
 * puts every socket in `user:u1`, says hello, answers `opwire:operation.get` with
 * `not_found` and `opwire:resume` with no results. Tests send what a real server of that
 * version would through `io`. `admits` sees each handshake's `auth` and may refuse it with
 * `unsupported_version`.
 */
export async function startWireServer(
  v: 1 | 2,
  admits: (auth: unknown) => boolean = () => true,
): Promise<WireServer> {
  const http = createServer();
  const io = new Server(http, { path: '/opwire/socket.io' });
  io.use((socket, next) =>
    next(admits(socket.handshake.auth) ? undefined : new Error('unsupported_version')),
  );
  io.on('connection', (socket) => {
    socket.join('user:u1');
    socket.emit('opwire:hello', {
      v,
      epoch: 'e1',
      principal: { userId: 'u1', roles: [] },
      rooms: ['user:u1'],
      expiresAt: null,
      serverTime: Date.now(),
    });
    socket.on('opwire:operation.get', (_request: unknown, ack: (answer: unknown) => void) =>
      ack({ ok: false, error: { code: 'not_found', message: 'not yet' } }),
    );
    socket.on('opwire:resume', (_request: unknown, ack: (answer: unknown) => void) =>
      ack({ ok: true, epoch: 'e1', results: [] }),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    io,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => io.close(() => resolve())),
  };
}
