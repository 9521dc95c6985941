import type { Namespace, Server as SocketIOServer } from 'socket.io';

/**
 * Disconnects every socket of the namespace and shuts the engine down once
 * their connections have sent what they still had buffered (or after
 * `graceMs`): closing the engine at once would drop the last messages, such
 * as the final progress flushed by `close()`. On a Socket.IO server the user
 * passed in (`owned` false), only this namespace is left: the connections and
 * their other namespaces stay.
 */
export async function disconnectAndClose(
  io: SocketIOServer,
  namespace: Namespace,
  graceMs: number,
  owned: boolean,
): Promise<void> {
  if (!owned) {
    namespace.disconnectSockets(false);
    return;
  }
  const closed = [...namespace.sockets.values()].map(
    (socket) => new Promise<void>((resolve) => socket.conn.once('close', () => resolve())),
  );
  namespace.disconnectSockets(true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all(closed),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    }),
  ]);
  clearTimeout(timer);
  // A server created for an HTTP server that never came has no engine.
  if (io.engine !== undefined) io.engine.close();
}
