/**
 * How the load generator speaks to one server flavor.
 *
 * @typedef {import('socket.io-client').Socket} ClientSocket
 *
 * @typedef {object} ClientFlavor
 * @property {(index: number) => { path: string, auth: Record<string, unknown> }} connectOptions
 *   Handshake of client number `index`.
 * @property {(socket: ClientSocket) => Promise<{ epoch: string | null }>} whenReady
 *   Resolves once the server has set the socket up (attach before connecting).
 * @property {(socket: ClientSocket, room: string) => Promise<void>} join
 * @property {(socket: ClientSocket, handler: (topic: string, payload: any, seq: number | undefined) => void) => void} listen
 *   Hears every server message as (topic, payload, seq).
 * @property {((socket: ClientSocket, operations: Array<{ id: string, seq: number, epoch: string }>) => Promise<any>) | null} resume
 *   Asks for missed operation events; `null` where the server replays by itself.
 * @property {'raw' | 'opwire'} [serverFlavor]  The server it speaks to, when not its own name.
 * @property {(url: string, index: number) => Promise<{ socket: any, epoch: string | null }>} [open]
 *   Opens client number `index` itself (a real SDK client) instead of a bare socket.
 */

/**
 * @param {'raw' | 'opwire' | 'sdk'} name
 * @returns {Promise<ClientFlavor>}
 */
export async function clientFlavor(name) {
  if (name === 'raw') return (await import('./rawClient.mjs')).rawClient;
  if (name === 'opwire') return (await import('./opwireClient.mjs')).opwireClient;
  if (name === 'sdk') return (await import('./sdkClient.mjs')).sdkClient;
  throw new Error(`unknown client flavor "${name}"`);
}
