import { Manager } from 'socket.io-client';

/**
 * Runs `open` (which creates exactly one socket.io-client connection, e.g. one
 * `createOpwireClient`) and returns what it returned with the Socket.IO manager it
 * created. A real SDK client keeps its socket to itself; the bench needs the
 * manager to feed it recorded packets. Callers must not open clients concurrently.
 *
 * @template T
 * @param {() => Promise<T>} open
 * @returns {Promise<{ value: T, manager: any }>}
 */
export async function withManager(open) {
  const proto = /** @type {any} */ (Manager.prototype);
  const original = proto.socket;
  /** @type {any[]} */
  const created = [];
  proto.socket = function socket(/** @type {unknown[]} */ ...args) {
    created.push(this);
    return original.apply(this, args);
  };
  try {
    const value = await open();
    if (created.length !== 1)
      throw new Error(`expected one Socket.IO manager, got ${created.length}`);
    return { value, manager: created[0] };
  } finally {
    proto.socket = original;
  }
}

/**
 * Collects the next `count` Engine.IO message packets (the Socket.IO packets, as
 * strings) that `manager`'s connection receives and that pass `keep`.
 *
 * @param {any} manager
 * @param {number} count
 * @param {(data: string) => boolean} keep
 * @returns {Promise<string[]>}
 */
export function recordPackets(manager, count, keep) {
  /** @type {string[]} */
  const packets = [];
  return new Promise((resolve) => {
    const onPacket = (/** @type {{ type: string, data?: unknown }} */ packet) => {
      if (packet.type !== 'message' || typeof packet.data !== 'string' || !keep(packet.data))
        return;
      packets.push(packet.data);
      if (packets.length === count) {
        manager.engine.off('packet', onPacket);
        resolve(packets);
      }
    };
    manager.engine.on('packet', onPacket);
  });
}

/** Packets handed to each client before the event loop turns. */
const CHUNK = 20;

/**
 * Hands `packets` to every manager's transport as if each had just arrived over
 * the WebSocket (`transport.onData` of the Engine.IO message), a chunk per client
 * at a time, letting the event loop turn between chunks as it does between
 * network reads. Everything after the browser's own WebSocket framing runs:
 * Engine.IO, the Socket.IO decoder, the socket's listeners.
 *
 * @param {any[]} managers
 * @param {string[]} packets
 */
export async function replayPackets(managers, packets) {
  const messages = packets.map((packet) => `4${packet}`);
  const transports = managers.map((manager) => manager.engine.transport);
  for (let start = 0; start < messages.length; start += CHUNK) {
    const chunk = messages.slice(start, start + CHUNK);
    for (const transport of transports) {
      for (const message of chunk) transport.onData(message);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
