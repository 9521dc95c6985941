/*
 * A Socket.IO server or namespace, typed by shape: an app may hold one built by
 * another copy of socket.io than the one @opwire/server resolves (Nest's
 * platform-socket.io pins its own patch version), and the classes of two copies
 * are not assignable to each other (their private members differ by copy).
 * createOpwire checks the object's shape at run time (socketServerShape.ts).
 */

/** A Socket.IO `Server` of any socket.io 4 copy. */
export interface SocketIOServerLike {
  /** Its namespace of that name. */
  of(name: string): unknown;
  /** Attaches it to an HTTP server. */
  attach(...args: never[]): unknown;
  /** Its path (`/socket.io` by default). */
  path(...args: never[]): unknown;
}

/** A Socket.IO `Namespace` of any socket.io 4 copy (a gateway with a `namespace`). */
export interface SocketIONamespaceLike {
  /** The namespace's name, e.g. `/live`. */
  readonly name: string;
  /** Its connected sockets by id. */
  readonly sockets: ReadonlyMap<string, unknown>;
  /** The server it belongs to. */
  readonly server: SocketIOServerLike;
  /** Adds a handshake middleware. */
  use(...args: never[]): unknown;
}
