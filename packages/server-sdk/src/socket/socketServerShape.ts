import type { Namespace, Server as SocketIOServer } from 'socket.io';

// An app can hold a Socket.IO server built by another copy of socket.io than the one
// opwire resolves (Nest's platform pins its own patch version), and `instanceof` fails
// across copies. These checks read only public members that every socket.io 4 release has.

type Members = Record<string, unknown>;

function isObject(value: unknown): value is Members {
  return typeof value === 'object' && value !== null;
}

/** A Socket.IO `Namespace` of any socket.io 4 copy, e.g. `io.of('/events')`. */
export function isSocketIONamespace(value: unknown): value is Namespace {
  return (
    isObject(value) &&
    typeof value.name === 'string' &&
    value.sockets instanceof Map &&
    typeof value.use === 'function' &&
    typeof value.to === 'function' &&
    typeof value.disconnectSockets === 'function' &&
    isObject(value.adapter) &&
    isSocketIOServer(value.server)
  );
}

/** A Socket.IO `Server` of any socket.io 4 copy, attached to an HTTP server or not yet. */
export function isSocketIOServer(value: unknown): value is SocketIOServer {
  return (
    isObject(value) &&
    typeof value.of === 'function' &&
    typeof value.attach === 'function' &&
    typeof value.path === 'function' &&
    isObject(value.sockets) &&
    typeof value.sockets.name === 'string'
  );
}
