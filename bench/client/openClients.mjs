import { io } from 'socket.io-client';
import { now } from '../lib/clock.mjs';

/**
 * @typedef {object} BenchClient
 * @property {any} socket  A socket.io-client socket, or the OpwireClient of the `sdk` flavor.
 * @property {number} index  Which bench identity it uses.
 * @property {number} group  Which server node it is connected to.
 * @property {string | null} epoch  The store epoch from opwire's hello.
 */

/**
 * Opens `count` WebSocket-only socket.io-client connections, each with its own
 * engine, at most `concurrency` handshakes in flight. Handshake credentials
 * (JWTs for opwire) are prepared before the clock starts.
 *
 * @param {import('./clientFlavor.mjs').ClientFlavor} flavor
 * @param {{ url: string, count: number, firstIndex: number, group: number, concurrency: number }} plan
 * @returns {Promise<{ clients: BenchClient[], ms: number }>}
 */
export async function openClients(flavor, { url, count, firstIndex, group, concurrency }) {
  const handshakes = Array.from({ length: count }, (_, k) => flavor.connectOptions(firstIndex + k));
  /** @type {BenchClient[]} */
  const clients = new Array(count);
  let next = 0;
  const startedAt = now();
  const worker = async () => {
    while (next < count) {
      const k = next;
      next += 1;
      const handshake = /** @type {{ path: string, auth: Record<string, unknown> }} */ (
        handshakes[k]
      );
      if (flavor.open) {
        const opened = await flavor.open(url, firstIndex + k);
        clients[k] = { socket: opened.socket, index: firstIndex + k, group, epoch: opened.epoch };
        continue;
      }
      const socket = io(url, {
        path: handshake.path,
        auth: handshake.auth,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 60_000,
      });
      const { epoch } = await flavor.whenReady(socket);
      clients[k] = { socket, index: firstIndex + k, group, epoch };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { clients, ms: now() - startedAt };
}
