/*
 * What a gateway's `@WebSocketServer()` holds, typed by shape: Nest's
 * platform-socket.io pins its own socket.io patch version, whose classes are
 * not assignable to the ones @opwire/server's types name (their private
 * members differ by copy). createOpwire checks the object's shape at run time.
 */

/** A Socket.IO `Server` of any socket.io 4 copy. */
export interface SocketIOServerLike {
  of(name: string): unknown;
  attach(...args: never[]): unknown;
  path(...args: never[]): unknown;
}

/** A Socket.IO `Namespace` of any socket.io 4 copy (a gateway with a `namespace`). */
export interface SocketIONamespaceLike {
  readonly name: string;
  readonly sockets: ReadonlyMap<string, unknown>;
  readonly server: SocketIOServerLike;
  use(...args: never[]): unknown;
}
