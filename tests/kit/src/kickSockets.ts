import type { Server } from 'socket.io';

/**
 * Disconnects sockets as a load balancer or a deploy would; each pick in
 * [0, 1) chooses one of those still connected. Returns how many were dropped.
 */
export function kickSockets(io: Server, picks: readonly number[]): number {
  const sockets = [...io.of('/').sockets.values()];
  let kicked = 0;
  for (const pick of picks) {
    const socket = sockets.splice(Math.floor(pick * sockets.length), 1)[0];
    if (socket === undefined) continue;
    socket.disconnect(true);
    kicked += 1;
  }
  return kicked;
}
