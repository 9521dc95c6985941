import { now } from '../lib/clock.mjs';
import { latencyPercentiles } from '../lib/summary.mjs';

/**
 * Receives the fan-out events on every client: counts deliveries per event,
 * records each send→receive latency (and which server node delivered it), and
 * reports completed events so the server can keep its window full.
 *
 * Client k is in room k mod `roomCount`; event i goes to room i mod `roomCount`.
 *
 * @param {import('./openClients.mjs').BenchClient[]} clients
 * @param {import('./clientFlavor.mjs').ClientFlavor} flavor
 * @param {{ events: number, roomCount: number, creditStep: number, onCredit: (completed: number) => void }} plan
 */
export function receiveFanout(clients, flavor, { events, roomCount, creditStep, onCredit }) {
  const roomSizes = new Uint32Array(roomCount);
  clients.forEach((_, k) => {
    roomSizes[k % roomCount] += 1;
  });
  let expected = 0;
  for (let i = 0; i < events; i += 1) expected += /** @type {number} */ (roomSizes[i % roomCount]);

  const latencies = new Float64Array(expected);
  const groups = new Uint8Array(expected);
  const counts = new Uint32Array(events);
  let delivered = 0;
  let completed = 0;
  let reported = 0;
  let firstSentAt = Number.POSITIVE_INFINITY;
  let lastReceivedAt = 0;
  /** @type {(value: void) => void} */
  let finish = () => {};
  const done = new Promise((resolve) => {
    finish = resolve;
  });

  for (const client of clients) {
    flavor.listen(client.socket, (topic, payload) => {
      const tick = topic === 'bench.tick' ? payload : payload?.details;
      if (typeof tick?.i !== 'number') return;
      const receivedAt = now();
      latencies[delivered] = receivedAt - tick.t;
      groups[delivered] = client.group;
      delivered += 1;
      if (tick.t < firstSentAt) firstSentAt = tick.t;
      lastReceivedAt = receivedAt;
      counts[tick.i] += 1;
      if (counts[tick.i] !== roomSizes[tick.i % roomCount]) return;
      completed += 1;
      if (completed === events) finish();
      if (completed - reported >= creditStep || completed === events) {
        reported = completed;
        onCredit(completed);
      }
    });
  }

  return {
    done,
    result() {
      const byGroup = [0, 1].map((group) =>
        latencyPercentiles(latencies.subarray(0, delivered).filter((_, k) => groups[k] === group)),
      );
      const seconds = (lastReceivedAt - firstSentAt) / 1e3;
      return {
        delivered,
        expected,
        throughput: delivered / seconds,
        latency: latencyPercentiles(latencies.subarray(0, delivered)),
        latencyByGroup: byGroup,
      };
    },
  };
}
