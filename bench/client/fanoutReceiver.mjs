import { cpuMsSince, now } from '../lib/clock.mjs';
import { latencyPercentiles } from '../lib/summary.mjs';

/**
 * Receives the fan-out events on every client: counts deliveries per event,
 * records each send→receive latency (and which server node delivered it), and
 * reports completed events so the server can keep its window full.
 *
 * Client k is in room k mod `roomCount`; event i goes to room i mod `roomCount`.
 * The first `warmEvents` events only warm the processes up: they count for the
 * window but not for the figures, and `onWarm` is called once all have arrived.
 * From then on it also measures this process's CPU time and, on the first
 * client, the size of the Socket.IO packets as they arrive.
 *
 * @param {import('./openClients.mjs').BenchClient[]} clients
 * @param {import('./clientFlavor.mjs').ClientFlavor} flavor
 * @param {{ events: number, warmEvents: number, roomCount: number, creditStep: number, onCredit: (completed: number) => void, onWarm: () => void }} plan
 */
export function receiveFanout(clients, flavor, plan) {
  const { events, warmEvents, roomCount, creditStep, onCredit, onWarm } = plan;
  const roomSizes = new Uint32Array(roomCount);
  clients.forEach((_, k) => {
    roomSizes[k % roomCount] += 1;
  });
  let expected = 0;
  for (let i = warmEvents; i < events; i += 1) {
    expected += /** @type {number} */ (roomSizes[i % roomCount]);
  }

  const latencies = new Float64Array(expected);
  const groups = new Uint8Array(expected);
  const counts = new Uint32Array(events);
  let delivered = 0;
  let completed = 0;
  let warmCompleted = 0;
  let reported = 0;
  let firstSentAt = Number.POSITIVE_INFINITY;
  let lastReceivedAt = 0;
  let cpuStart = process.cpuUsage();
  let cpuMs = 0;
  const packets = { count: 0, bytes: 0, measuring: false };
  // A bare socket shows its packets; a real SDK client keeps its socket to itself.
  clients[0]?.socket.io?.engine.on(
    'packet',
    (/** @type {{ type: string, data?: unknown }} */ packet) => {
      if (!packets.measuring || packet.type !== 'message' || typeof packet.data !== 'string')
        return;
      packets.count += 1;
      packets.bytes += Buffer.byteLength(packet.data);
    },
  );
  /** @type {(value: void) => void} */
  let finish = () => {};
  const done = new Promise((resolve) => {
    finish = resolve;
  });

  const complete = (/** @type {number} */ i) => {
    completed += 1;
    if (i < warmEvents) {
      warmCompleted += 1;
      if (warmCompleted === warmEvents) {
        cpuStart = process.cpuUsage();
        packets.measuring = true;
        onWarm();
      }
    }
    if (completed === events) {
      cpuMs = cpuMsSince(cpuStart);
      finish();
    }
    if (completed - reported >= creditStep || completed === events) {
      reported = completed;
      onCredit(completed);
    }
  };

  for (const client of clients) {
    flavor.listen(client.socket, (topic, payload) => {
      const tick = topic === 'bench.tick' ? payload : payload?.details;
      if (typeof tick?.i !== 'number') return;
      if (tick.i >= warmEvents) {
        const receivedAt = now();
        latencies[delivered] = receivedAt - tick.t;
        groups[delivered] = client.group;
        delivered += 1;
        if (tick.t < firstSentAt) firstSentAt = tick.t;
        lastReceivedAt = receivedAt;
      }
      counts[tick.i] += 1;
      if (counts[tick.i] === roomSizes[tick.i % roomCount]) complete(tick.i);
    });
  }

  return {
    done,
    result() {
      const measured = latencies.subarray(0, delivered);
      const byGroup = [0, 1].map((group) =>
        latencyPercentiles(measured.filter((_, k) => groups[k] === group)),
      );
      return {
        delivered,
        expected,
        throughput: delivered / ((lastReceivedAt - firstSentAt) / 1e3),
        cpuPerThousand: (cpuMs / delivered) * 1_000,
        packetBytes: packets.count > 0 ? packets.bytes / packets.count : null,
        latency: latencyPercentiles(measured),
        latencyByGroup: byGroup,
      };
    },
  };
}
