import { Server as HttpServer } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import { OpwireError } from '@opwire/protocol';
import { type Namespace, Server as SocketIOServer } from 'socket.io';
import { type CorsOptions, defaults, type OpwireAdapter } from '../options.js';
import { allowedOriginsOf } from '../origins/originPolicy.js';
import { installEngineOriginGuard } from './originGuard.js';
import { isSocketIONamespace, isSocketIOServer } from './socketServerShape.js';

export interface AttachOptions {
  path: string;
  maxHttpBufferSize: number;
  cors: CorsOptions | undefined;
  adapter: OpwireAdapter | undefined;
  /** The namespace the user named, if any. */
  namespace: string | undefined;
}

export interface Attached {
  io: SocketIOServer;
  /** Where opwire's sockets connect: the namespace passed in, or the one named (default `/`). */
  namespace: Namespace;
  /** Whether opwire created the Socket.IO server (and so may shut its engine down). */
  owned: boolean;
}

/** A Socket.IO server of opwire's own that is not attached to an HTTP server yet. */
export interface DetachedSocketServer extends Attached {
  /** Attaches it to the HTTP server, and guards its engine against other origins and JSONP. */
  attachTo(server: HttpServer | HttpsServer): void;
}

/**
 * A Socket.IO server with opwire's settings and no HTTP server yet, for an
 * app whose server is created after its routes (Express before `listen()`).
 */
export function createDetachedSocketServer(options: AttachOptions): DetachedSocketServer {
  const io = new SocketIOServer({
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
  return {
    io,
    namespace: io.of(options.namespace ?? defaults.namespace),
    owned: true,
    attachTo(server) {
      io.attach(server);
      installEngineOriginGuard(io, allowedOriginsOf(options.cors));
    },
  };
}

/**
 * Gets a Socket.IO server for what the user passed: attaches one to an HTTP
 * server (guarding its engine against other origins and JSONP), or uses theirs (a server or one of its namespaces, from any copy of
 * socket.io). Anything else gets an error that says what to pass.
 */
export function attachSocketServer(server: unknown, options: AttachOptions): Attached {
  const namespaceName = options.namespace ?? defaults.namespace;
  if (isSocketIOServer(server) || isSocketIONamespace(server)) {
    if (options.adapter) {
      throw new OpwireError(
        'invalid_option',
        'Pass `adapter` only with an HTTP server; a Socket.IO server you pass in keeps the adapter you gave it.',
      );
    }
    if (isSocketIOServer(server)) {
      return { io: server, namespace: server.of(namespaceName), owned: false };
    }
    if (options.namespace !== undefined && options.namespace !== server.name) {
      throw new OpwireError(
        'invalid_option',
        `The server passed is the namespace "${server.name}", but \`namespace: '${options.namespace}'\` names another; leave \`namespace\` out.`,
      );
    }
    return { io: server.server, namespace: server, owned: false };
  }
  if (server instanceof HttpServer || server instanceof HttpsServer) {
    const detached = createDetachedSocketServer(options);
    detached.attachTo(server);
    return detached;
  }
  throw new OpwireError('invalid_option', describeWrongServer(server));
}

function describeWrongServer(server: unknown): string {
  const base =
    'createOpwire({ server }) needs a Node http.Server/https.Server, a Socket.IO Server or a Socket.IO Namespace';
  if (typeof server === 'function' && 'use' in server && 'listen' in server) {
    return `${base}, not an Express app. Pass what app.listen() returns: const server = app.listen(3000); createOpwire({ server }).`;
  }
  if (typeof server === 'object' && server !== null && 'server' in server && 'register' in server) {
    return `${base}, not a Fastify instance. Pass fastify.server: createOpwire({ server: fastify.server }).`;
  }
  if (server === undefined) return `${base}; none was given.`;
  return `${base}.`;
}
