import { CAPACITY_TENANTS } from '../client/capacityIdentity.mjs';
import { withChildren } from '../lib/children.mjs';
import { now } from '../lib/clock.mjs';
import { machineCpu } from '../lib/machineCpu.mjs';
import { redisStats } from '../lib/redisStats.mjs';
import { latencyPercentiles } from '../lib/summary.mjs';
import { tcpState } from '../lib/tcpState.mjs';

const LIFETIME_MS = 60 * 60_000;
const PHASE_MS = 40 * 60_000;
/** Deliveries still missing after this long without any count as lost. */
const STALL_MS = 15_000;

/**
 * @typedef {object} CapacityPlan
 * @property {number} connections
 * @property {number} nodes  Server nodes, each with its own load generator.
 * @property {number} concurrency  Handshakes in flight per load generator.
 * @property {number} eventsPerSecond  Progress events per second, all nodes together.
 * @property {number} events  Events measured.
 * @property {number} warmEvents  Events sent first and not measured.
 * @property {number} idleSeconds  A quiet window before the events: what the running operations cost alone.
 * @property {number} sdkEvery  opwire: every n-th client is a real @opwire/client.
 * @property {number} hostBase  Node k listens on 127.0.0.(hostBase + k).
 * @property {string} redisUrl
 */

/**
 * One flavor's capacity run in fresh processes: `nodes` server nodes on one
 * Redis adapter (opwire with its Redis store too), one load generator per
 * node holding its block of clients, every client in its user and tenant
 * rooms (tenants span every node); then paced progress events of one
 * operation per tenant, each sent by the node that owns the tenant.
 *
 * @param {'raw' | 'opwire'} flavor
 * @param {CapacityPlan} plan
 * @param {(line: string) => void} log
 */
export function measureCapacity(flavor, plan, log) {
  const { connections, nodes } = plan;
  const perNode = Math.ceil(connections / nodes);
  const blocks = Array.from({ length: nodes }, (_, k) => ({
    first: k * perNode,
    count: Math.max(0, Math.min(perNode, connections - k * perNode)),
  }));
  const stats = redisStats(plan.redisUrl);
  return withChildren(async (spawn) => {
    const redisKey = `capacity-${flavor}-${process.pid}-${Date.now()}`;
    const [servers, generators] = await Promise.all([
      Promise.all(
        blocks.map((_, node) =>
          spawn('server.mjs', {
            name: `${flavor} capacity server ${node}`,
            config: {
              flavor,
              host: `127.0.0.${plan.hostBase + node}`,
              jwt: true,
              progressIntervalMs: 0,
              redisUrl: plan.redisUrl,
              redisKey,
              capacity: { node, nodes, tenants: CAPACITY_TENANTS },
            },
            execArgv: ['--expose-gc'],
            lifetimeMs: LIFETIME_MS,
          }),
        ),
      ),
      Promise.all(
        blocks.map((_, node) =>
          spawn('capacityGenerator.mjs', {
            name: `${flavor} capacity load generator ${node}`,
            config: { flavor, sdkEvery: plan.sdkEvery },
            execArgv: ['--max-old-space-size=4096'],
            lifetimeMs: LIFETIME_MS,
          }),
        ),
      ),
    ]);
    const all = (/** @type {string} */ cmd, /** @type {any[]} */ children, args = undefined) =>
      Promise.all(children.map((child) => child.request(cmd, args, PHASE_MS)));

    // Connection phase.
    const memoryBefore = await all('memory', servers);
    const generatorMemoryBefore = await all('memory', generators);
    let serverCpu = await all('cpu', servers);
    let generatorCpu = await all('cpu', generators);
    let sentCommands = await all('redis.commands', servers);
    await stats.reset();
    const connectMachine = machineCpu();
    const tcpBefore = tcpState();
    log(`capacity · ${flavor} · connecting ${connections.toLocaleString('en')} clients`);
    const connectStartedAt = now();
    const opened = await Promise.all(
      generators.map((generator, node) => {
        const server = /** @type {(typeof servers)[number]} */ (servers[node]);
        const block = /** @type {(typeof blocks)[number]} */ (blocks[node]);
        return generator.request(
          'connect',
          {
            url: `http://${server.ready.host}:${server.ready.port}`,
            path: server.ready.path,
            first: block.first,
            count: block.count,
            concurrency: plan.concurrency,
          },
          PHASE_MS,
        );
      }),
    );
    const connectMs = now() - connectStartedAt;
    const connectLoad = connectMachine.stop();
    const connectRedis = await stats.read();
    const sentConnect = commandDelta(await all('redis.commands', servers), sentCommands);
    const tcpConnected = tcpState();
    const serverCpuConnect = delta(await all('cpu', servers), serverCpu);
    const generatorCpuConnect = delta(await all('cpu', generators), generatorCpu);
    const perServer = await all('connections', servers);
    const connected = perServer.reduce((sum, value) => sum + value, 0);
    const failed = opened.reduce((sum, value) => sum + value.failed, 0);
    const sdkClients = opened.reduce((sum, value) => sum + value.sdk, 0);
    log(
      `capacity · ${flavor} · ${connected.toLocaleString('en')} connected in ${(connectMs / 1e3).toFixed(1)} s (${failed} failed)`,
    );
    const memoryAfter = await all('memory', servers);
    const generatorMemoryAfter = await all('memory', generators);

    // Operations phase: warm-up events, then the measured ones.
    await all('capacity.prepare', servers);
    await sendEvents(servers, generators, plan, 0, plan.warmEvents);
    log(`capacity · ${flavor} · ${plan.idleSeconds} s without events`);
    const idleRedis = await stats.read();
    const idleSent = await all('redis.commands', servers);
    const idleServerCpu = await all('cpu', servers);
    const idleGeneratorCpu = await all('cpu', generators);
    const idleStartedAt = now();
    await new Promise((resolve) => setTimeout(resolve, plan.idleSeconds * 1_000));
    const idleCalls = commandDelta(await all('redis.commands', servers), idleSent);
    const idleMs = now() - idleStartedAt;
    const idleServerCpuMs = sum(delta(await all('cpu', servers), idleServerCpu));
    const idleGeneratorCpuMs = sum(delta(await all('cpu', generators), idleGeneratorCpu));
    const idleRedisCpu = (await stats.read()).cpuSeconds - idleRedis.cpuSeconds;
    sentCommands = await all('redis.commands', servers);
    await stats.reset();
    const redisBefore = await stats.read();
    serverCpu = await all('cpu', servers);
    generatorCpu = await all('cpu', generators);
    const eventsMachine = machineCpu();
    log(
      `capacity · ${flavor} · ${plan.events} events at ${plan.eventsPerSecond}/s to ${CAPACITY_TENANTS} tenant rooms`,
    );
    const sent = await sendEvents(servers, generators, plan, plan.warmEvents, plan.events);
    const eventsLoad = eventsMachine.stop();
    const serverCpuEvents = delta(await all('cpu', servers), serverCpu);
    const generatorCpuEvents = delta(await all('cpu', generators), generatorCpu);
    const redisAfter = await stats.read();
    const sentEvents = commandDelta(await all('redis.commands', servers), sentCommands);
    const memoryAfterEvents = await all('memory', servers);
    stats.close();

    const received = sent.received;
    const expected = sum(received.map((r) => r.expected));
    const delivered = sum(received.map((r) => r.delivered));
    const latencies = concat(received.map((r) => r.latencies));
    const sdkLatencies = concat(received.map((r) => r.sdkLatencies));
    const redisCalls = redisAfter.totalCalls;
    return {
      connected,
      failed,
      sdkClients,
      perServer,
      connectMs,
      connectRate: connected / (connectMs / 1e3),
      connectLoad,
      tcpBefore,
      tcpConnected,
      serverCpuPerHandshake: sum(serverCpuConnect) / connected,
      generatorCpuPerHandshake: sum(generatorCpuConnect) / connected,
      redisCallsPerHandshake: connectRedis.totalCalls / connected,
      redisCallsConnect: connectRedis.calls,
      sentPerHandshake: total(sentConnect) / connected,
      sentConnect,
      rssPerConnection: servers.map(
        (_, k) => (memoryAfter[k].rss - memoryBefore[k].rss) / (perServer[k] || 1),
      ),
      heapPerConnection: servers.map(
        (_, k) => (memoryAfter[k].heapUsed - memoryBefore[k].heapUsed) / (perServer[k] || 1),
      ),
      serverRssBefore: memoryBefore.map((m) => m.rss),
      serverRss: memoryAfter.map((m) => m.rss),
      serverRssAfterEvents: memoryAfterEvents.map((m) => m.rss),
      generatorRssPerConnection:
        sum(generatorMemoryAfter.map((m, k) => m.rss - generatorMemoryBefore[k].rss)) / connected,
      events: sent.events,
      maxLateMs: sent.maxLateMs,
      eventsMs: sent.ms,
      eventsLoad,
      expected,
      delivered,
      deliveryRate: delivered / (sent.ms / 1e3),
      latency: latencyPercentiles(latencies),
      sdkLatency: latencyPercentiles(sdkLatencies),
      serverCpuPerThousand: (sum(serverCpuEvents) / delivered) * 1_000,
      idleServerCpuPerSecond: idleServerCpuMs / (idleMs / 1e3),
      idleServerCpuPerThousandConnections: (idleServerCpuMs / (idleMs / 1e3) / connected) * 1_000,
      netServerCpuPerThousand:
        ((sum(serverCpuEvents) - (idleServerCpuMs / idleMs) * sent.ms) / delivered) * 1_000,
      netGeneratorCpuPerThousand:
        ((sum(generatorCpuEvents) - (idleGeneratorCpuMs / idleMs) * sent.ms) / delivered) * 1_000,
      serverCpuPerEvent: sum(serverCpuEvents) / sent.events,
      generatorCpuPerThousand: (sum(generatorCpuEvents) / delivered) * 1_000,
      redisCallsPerEvent: redisCalls / sent.events,
      redisCallsEvents: redisAfter.calls,
      sentPerEvent: total(sentEvents) / sent.events,
      idleSentPerSecond: total(idleCalls) / (idleMs / 1e3),
      idleCalls: scale(idleCalls, 1e3 / idleMs),
      idleRedisCpuMsPerSecond: (idleRedisCpu * 1e3) / (idleMs / 1e3),
      netSentPerEvent: (total(sentEvents) - (total(idleCalls) / idleMs) * sent.ms) / sent.events,
      sentEvents,
      redisCpuMsPerEvent: ((redisAfter.cpuSeconds - redisBefore.cpuSeconds) * 1e3) / sent.events,
      netRedisCpuMsPerEvent:
        ((redisAfter.cpuSeconds - redisBefore.cpuSeconds) * 1e3 -
          ((idleRedisCpu * 1e3) / idleMs) * sent.ms) /
        sent.events,
      redisMemory: redisAfter.usedMemory,
    };
  });
}

/**
 * Sends events `from` … `from + count − 1` from every node on the shared
 * schedule and waits until the clients have them (or stalled).
 * @param {any[]} servers
 * @param {any[]} generators
 * @param {CapacityPlan} plan
 * @param {number} from
 * @param {number} count
 */
async function sendEvents(servers, generators, plan, from, count) {
  await Promise.all(generators.map((g) => g.request('expect', { from, to: from + count })));
  const startAt = now() + 500;
  const sends = await Promise.all(
    servers.map((server) =>
      server.request(
        'capacity.send',
        { from, to: from + count, startAt, eventsPerSecond: plan.eventsPerSecond },
        PHASE_MS,
      ),
    ),
  );
  const received = await Promise.all(
    generators.map((g) => g.request('settled', { stallMs: STALL_MS }, PHASE_MS)),
  );
  return {
    events: sum(sends.map((s) => s.sent)),
    maxLateMs: Math.max(...sends.map((s) => s.maxLateMs)),
    ms: now() - startAt,
    received,
  };
}

/**
 * @param {number[]} after
 * @param {number[]} before
 */
function delta(after, before) {
  return after.map((value, k) => value - (before[k] ?? 0));
}

/**
 * Commands sent by all nodes between two readings, by name.
 * @param {Array<Record<string, number>>} after
 * @param {Array<Record<string, number>>} before
 */
function commandDelta(after, before) {
  /** @type {Record<string, number>} */
  const out = {};
  after.forEach((counts, k) => {
    for (const [name, value] of Object.entries(counts)) {
      const diff = value - (before[k]?.[name] ?? 0);
      if (diff > 0) out[name] = (out[name] ?? 0) + diff;
    }
  });
  return out;
}

/**
 * @param {Record<string, number>} counts
 * @param {number} factor
 */
function scale(counts, factor) {
  return Object.fromEntries(Object.entries(counts).map(([name, value]) => [name, value * factor]));
}

/** @param {Record<string, number>} counts */
function total(counts) {
  return sum(Object.values(counts));
}

/** @param {number[]} values */
function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}

/** @param {Float64Array[]} arrays */
function concat(arrays) {
  const out = new Float64Array(sum(arrays.map((a) => a.length)));
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return out;
}
