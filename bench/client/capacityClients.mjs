import { io } from 'socket.io-client';
import { now } from '../lib/clock.mjs';

/**
 * @typedef {object} CapacityClient
 * @property {any} socket  A socket.io-client socket, or an OpwireClient for the sample.
 * @property {number} index  Which bench identity it uses.
 * @property {boolean} sdk  Whether it is a real @opwire/client.
 */

/**
 * Opens clients `first` … `first + count − 1` against one server, at most
 * `concurrency` handshakes in flight. Every `sdkEvery`-th client (when
 * `sdk` is given) is a real @opwire/client, the others bare sockets of
 * `flavor`. Tokens are signed before the clock starts. A handshake that fails
 * is retried up to twice; those that still fail are counted.
 *
 * @param {import('./clientFlavor.mjs').ClientFlavor} flavor
 * @param {import('./clientFlavor.mjs').ClientFlavor | null} sdk
 * @param {{ url: string, first: number, count: number, concurrency: number, sdkEvery: number }} plan
 */
export async function openCapacityClients(flavor, sdk, plan) {
  const { url, first, count, concurrency, sdkEvery } = plan;
  const handshakes = Array.from({ length: count }, (_, k) => flavor.connectOptions(first + k));
  /** @type {CapacityClient[]} */
  const clients = [];
  let next = 0;
  let failed = 0;
  let retried = 0;
  const open = async (/** @type {number} */ k) => {
    const index = first + k;
    if (sdk?.open && index % sdkEvery === 0) {
      const opened = await sdk.open(url, index);
      return { socket: opened.socket, index, sdk: true };
    }
    const { path, auth } = /** @type {{ path: string, auth: Record<string, unknown> }} */ (
      handshakes[k]
    );
    const socket = io(url, {
      path,
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
    });
    try {
      await flavor.whenReady(socket);
    } catch (error) {
      socket.close();
      throw error;
    }
    return { socket, index, sdk: false };
  };
  const startedAt = now();
  const worker = async () => {
    while (next < count) {
      const k = next;
      next += 1;
      for (let attempt = 0; ; attempt += 1) {
        try {
          clients.push(await open(k));
          break;
        } catch {
          if (attempt === 2) {
            failed += 1;
            break;
          }
          retried += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { clients, ms: now() - startedAt, failed, retried };
}

/**
 * Receives the capacity scenario's progress events on every client: event `i`
 * goes to tenant `i mod tenants`, whose members here are known. Records each
 * send→receive latency of events `from` and later, apart for the
 * @opwire/client sample, and resolves `settled` once every expected delivery
 * arrived or none arrived for `stallMs`.
 *
 * @param {CapacityClient[]} clients
 * @param {import('./clientFlavor.mjs').ClientFlavor} flavor
 * @param {import('./clientFlavor.mjs').ClientFlavor | null} sdk
 * @param {{ tenantOf: (index: number) => number, tenants: number }} identity
 */
export function receiveCapacity(clients, flavor, sdk, { tenantOf, tenants }) {
  const members = new Uint32Array(tenants);
  for (const client of clients) members[tenantOf(client.index)] += 1;
  /** @type {number[]} */
  const latencies = [];
  /** @type {number[]} */
  const sdkLatencies = [];
  let from = Number.POSITIVE_INFINITY;
  let expected = 0;
  let delivered = 0;
  let lastAt = now();
  /** @type {(() => void) | null} */
  let onDelivery = null;

  for (const client of clients) {
    const listen = client.sdk && sdk ? sdk.listen : flavor.listen;
    const into = client.sdk ? sdkLatencies : latencies;
    listen(client.socket, (topic, payload) => {
      if (topic !== 'operation.progress') return;
      const tick = payload?.details;
      if (typeof tick?.i !== 'number' || tick.i < from) return;
      const at = now();
      into.push(at - tick.t);
      delivered += 1;
      lastAt = at;
      onDelivery?.();
    });
  }

  return {
    /**
     * Counts events `start` … `end − 1` from now on.
     * @param {number} start
     * @param {number} end
     */
    expect(start, end) {
      from = start;
      expected = 0;
      delivered = 0;
      latencies.length = 0;
      sdkLatencies.length = 0;
      for (let i = start; i < end; i += 1) expected += /** @type {number} */ (members[i % tenants]);
      return expected;
    },
    /** @param {number} stallMs */
    settled(stallMs) {
      lastAt = Math.max(lastAt, now());
      return new Promise((resolve) => {
        const finish = () => {
          onDelivery = null;
          clearInterval(timer);
          resolve({
            expected,
            delivered,
            latencies: Float64Array.from(latencies),
            sdkLatencies: Float64Array.from(sdkLatencies),
          });
        };
        const timer = setInterval(() => {
          if (now() - lastAt > stallMs) finish();
        }, 250);
        onDelivery = () => {
          if (delivered >= expected) finish();
        };
        if (delivered >= expected) finish();
      });
    },
  };
}
