import { Server as HttpServer } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import { OpwireError } from '@opwire/protocol';
import { Server as SocketIOServer } from 'socket.io';
import type { CorsOptions, OpwireAdapter } from '../options.js';

export interface AttachOptions {
  path: string;
  maxHttpBufferSize: number;
  cors: CorsOptions | undefined;
  adapter: OpwireAdapter | undefined;
}

export interface Attached {
  io: SocketIOServer;
  /** Whether opwire created the Socket.IO server (and so may shut its engine down). */
  owned: boolean;
}

/**
 * Gets a Socket.IO server for what the user passed: attaches one to an HTTP
 * server, or uses theirs. Anything else gets an error that says what to pass.
 */
export function attachSocketServer(server: unknown, options: AttachOptions): Attached {
  if (server instanceof SocketIOServer) {
    if (options.adapter) {
      throw new OpwireError(
        'invalid_option',
        'Pass `adapter` only with an HTTP server; a Socket.IO server you pass in keeps the adapter you gave it.',
      );
    }
    return { io: server, owned: false };
  }
  if (server instanceof HttpServer || server instanceof HttpsServer) {
    const io = new SocketIOServer(server, {
      path: options.path,
      maxHttpBufferSize: options.maxHttpBufferSize,
      serveClient: false,
      // Leave other upgrade handlers on the same server (HMR, another WebSocket server) alone.
      destroyUpgrade: false,
      ...(options.adapter ? { adapter: options.adapter.createAdapter } : {}),
      ...(options.cors
        ? {
            cors: {
              origin:
                typeof options.cors.origin === 'string'
                  ? options.cors.origin
                  : [...options.cors.origin],
              credentials: options.cors.credentials ?? true,
            },
          }
        : {}),
    });
    return { io, owned: true };
  }
  throw new OpwireError('invalid_option', describeWrongServer(server));
}

function describeWrongServer(server: unknown): string {
  const base =
    'createOpwire({ server }) needs a Node http.Server/https.Server or a Socket.IO Server';
  if (typeof server === 'function' && 'use' in server && 'listen' in server) {
    return `${base}, not an Express app. Pass what app.listen() returns: const server = app.listen(3000); createOpwire({ server }).`;
  }
  if (typeof server === 'object' && server !== null && 'server' in server && 'register' in server) {
    return `${base}, not a Fastify instance. Pass fastify.server: createOpwire({ server: fastify.server }).`;
  }
  if (server === undefined) return `${base}; none was given.`;
  return `${base}.`;
}
