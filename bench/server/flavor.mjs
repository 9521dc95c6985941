/**
 * What the bench's server-side tasks need from a server, written once by hand
 * with Socket.IO (rawFlavor.mjs) and once with opwire (opwireFlavor.mjs).
 *
 * @typedef {object} OperationLike
 * @property {(percent: number, details: unknown) => void} progress
 * @property {(result: unknown) => Promise<void>} complete  Resolves once the final event is out.
 *
 * @typedef {object} ServerFlavor
 * @property {string} path  The Socket.IO path clients connect to.
 * @property {() => number} connections  Sockets connected to this node.
 * @property {() => Record<string, number>} redisCommands  Commands sent to Redis so far, by name (none without Redis).
 * @property {(room: string, topic: string, payload: unknown) => void} send  A plain event to a room.
 * @property {(room: string, id: string) => OperationLike} operation  Starts an operation followed by a room.
 * @property {(id: string) => Promise<number>} lastSeq  Sequence number of the operation's last event that went out.
 * @property {() => Promise<void>} close
 */

/**
 * @param {'raw' | 'opwire'} name
 * @param {import('node:http').Server} httpServer
 * @param {any} config
 * @returns {Promise<ServerFlavor>}
 */
export async function createFlavor(name, httpServer, config) {
  if (name === 'raw') return (await import('./rawFlavor.mjs')).createRawFlavor(httpServer, config);
  if (name === 'opwire')
    return (await import('./opwireFlavor.mjs')).createOpwireFlavor(httpServer, config);
  throw new Error(`unknown server flavor "${name}"`);
}
