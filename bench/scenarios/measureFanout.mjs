import { withChildren } from '../lib/children.mjs';
import { serverCpu, startGenerator, startServer } from './session.mjs';

/**
 * @typedef {object} FanoutPlan
 * @property {'raw' | 'opwire' | 'sdk'} flavor  `sdk`: opwire's server, real @opwire/client receivers
 * @property {'emit' | 'progress'} variant
 * @property {number} clients
 * @property {number} roomCount  Clients are spread round-robin over this many rooms.
 * @property {number} messages  Deliveries measured (events × recipients per event).
 * @property {number} warmupMessages  Deliveries sent first and not measured, so both sides run warm.
 * @property {number} windowMessages  Deliveries allowed in flight.
 * @property {number} nodes  1, or 2 with the Redis adapter (clients split, node 0 sends).
 * @property {string | null} redisUrl
 * @property {string} label
 */

/**
 * What scenarios 1 and 6 compare: raw emits (raw clients receiving), opwire emits and opwire
 * progress events, each with protocol-level clients and with real @opwire/client receivers.
 */
export const FANOUT_SERIES = [
  { name: 'raw', flavor: /** @type {const} */ ('raw'), variant: /** @type {const} */ ('emit') },
  {
    name: 'opwire emit',
    flavor: /** @type {const} */ ('opwire'),
    variant: /** @type {const} */ ('emit'),
  },
  {
    name: 'opwire progress',
    flavor: /** @type {const} */ ('opwire'),
    variant: /** @type {const} */ ('progress'),
  },
  {
    name: 'opwire emit, @opwire/client receiving',
    flavor: /** @type {const} */ ('sdk'),
    variant: /** @type {const} */ ('emit'),
  },
  {
    name: 'opwire progress, @opwire/client receiving',
    flavor: /** @type {const} */ ('sdk'),
    variant: /** @type {const} */ ('progress'),
  },
];

/**
 * One fan-out measurement in fresh processes: server node(s) and a load
 * generator, clients joined to their rooms, then events sent as fast as
 * delivery allows.
 *
 * @param {import('./context.mjs').BenchContext} ctx
 * @param {FanoutPlan} plan
 */
export function measureFanout(ctx, plan) {
  const { flavor, clients, roomCount, nodes } = plan;
  const recipients = clients / roomCount;
  const events = Math.max(1, Math.round(plan.messages / recipients));
  const warmEvents = Math.max(1, Math.round(plan.warmupMessages / recipients));
  const windowEvents = Math.max(1, Math.round(plan.windowMessages / recipients));
  return withChildren(async (spawn) => {
    const redisKey = `bench-${process.pid}-${Date.now()}`;
    const config = { progressIntervalMs: 0, redisUrl: plan.redisUrl, redisKey };
    const [generator, ...servers] = await Promise.all([
      startGenerator(spawn, ctx, flavor, plan.label),
      ...Array.from({ length: nodes }, (_, node) =>
        startServer(
          spawn,
          ctx,
          flavor === 'sdk' ? 'opwire' : flavor,
          config,
          `${plan.label}-node${node}`,
        ),
      ),
    ]);
    const sender = /** @type {(typeof servers)[number]} */ (servers[0]);
    for (const [node, server] of servers.entries()) {
      const count =
        node < nodes - 1
          ? Math.floor(clients / nodes)
          : clients - Math.floor(clients / nodes) * (nodes - 1);
      await generator.request('connect', { url: server.url, count, group: node, concurrency: 50 });
    }
    await generator.request('join', { prefix: 'bench:', roomCount });
    generator.on('credit', (credit) => sender.notify('credit', credit));
    await generator.request('fanout.expect', {
      events: warmEvents + events,
      warmEvents,
      roomCount,
      creditStep: Math.max(1, Math.floor(windowEvents / 4)),
    });
    const warm = new Promise((resolve) => generator.on('warm', resolve));
    await sender.request('fanout.start', {
      variant: plan.variant,
      rooms: Array.from({ length: roomCount }, (_, k) => `bench:${k}`),
      events: warmEvents + events,
      windowEvents,
    });
    const cpuBefore = await warm.then(() => Promise.all(servers.map(serverCpu)));
    const received = await generator.request('fanout.result', undefined, 5 * 60_000);
    const cpuAfter = await Promise.all(servers.map(serverCpu));
    const cpuMs = cpuAfter.reduce((sum, value, k) => sum + value - (cpuBefore[k] ?? 0), 0);
    if (received.delivered !== received.expected) {
      throw new Error(`delivered ${received.delivered} of ${received.expected} messages`);
    }
    return {
      throughput: received.throughput,
      p50: received.latency.p50,
      p95: received.latency.p95,
      p99: received.latency.p99,
      crossP50: received.latencyByGroup[1].p50,
      crossP95: received.latencyByGroup[1].p95,
      crossP99: received.latencyByGroup[1].p99,
      cpuPerThousand: (cpuMs / received.delivered) * 1_000,
      clientCpuPerThousand: received.cpuPerThousand,
      packetBytes: received.packetBytes,
      delivered: received.delivered,
      events,
    };
  });
}
