import { CAPACITY_TENANTS } from '../client/capacityIdentity.mjs';
import { openFilesLimit } from '../lib/machine.mjs';
import { Samples } from '../lib/samples.mjs';
import { drainTimeWait, tcpState } from '../lib/tcpState.mjs';
import { measureCapacity } from './capacityRun.mjs';
import { compareRow, subjectRow } from './rows.mjs';

/** Connections one server or load-generator process holds at most (open files: 20,000 here). */
const PER_PROCESS = 17_000;
const FLAVORS = /** @type {const} */ (['raw', 'opwire']);
/** Node k of each flavor listens on 127.0.0.(base + k): fresh 4-tuples for the second flavor. */
const HOST_BASE = { raw: 10, opwire: 30 };

/** Scenario 7: many authenticated connections over several nodes on one Redis. Opt-in. */
/** @type {import('./context.mjs').Scenario} */
export const capacity = {
  id: 'capacity',
  optIn: true,
  title: '7. Capacity: many connections over several nodes',
  method:
    "Several server nodes on one private redis-server (raw: `@socket.io/redis-adapter` with ioredis and a JWT middleware; opwire: `redisAdapter` and `redisStore` with `jwtAuth`), each on its own 127.0.0.x address, and one load-generator process per node that opens its block of clients against it (WebSocket only, one engine per client, a fixed number of handshakes in flight). Every client authenticates with its own HS256 JWT and sits in its user room and its tenant's room (100 tenants; a tenant's members are on every node). On the opwire side the clients are bare sockets that decode opwire's wire (`decodeOperationFrame` of `@opwire/protocol`) and, every n-th one, a real `createOpwireClient` of `@opwire/client`. Memory is read in each server process after forced garbage collections, before and after the connections; per connection is the difference ÷ the node's connections. Handshake rate is all connections ÷ the time until the last one was ready (raw: `connect`; opwire: `opwire:hello`). Then each node runs one operation per tenant it owns and reports progress (coalescing off, so each call is one stored event) on a schedule shared by the nodes, at a fixed rate of events per second, each event to the tenant's room; latency is send→receive per delivery, CPU is each process's CPU time over the phase, and Redis load is INFO commandstats over the phase (CONFIG RESETSTAT first) ÷ events. Raw runs first; the opwire run starts once the TIME_WAIT sockets the raw run left have drained.",

  /** @param {import('./context.mjs').BenchContext} ctx */
  async run(ctx) {
    const redisUrl = await ctx.redisUrl();
    if (redisUrl === null) return null;
    const sizes = ctx.sizes.capacity;
    const connections = ctx.options.connections ?? sizes.connections;
    const nodes = Math.max(ctx.options.nodes ?? sizes.nodes, Math.ceil(connections / PER_PROCESS));
    const plan = { ...sizes, connections, nodes, redisUrl };
    const samples = new Samples();
    /** @type {Record<string, Awaited<ReturnType<typeof measureCapacity>>>} */
    const measured = {};
    const baseline = tcpState().timeWait ?? 0;
    /** @type {string[]} */
    const notes = [];
    for (const [k, flavor] of FLAVORS.entries()) {
      if (k > 0) {
        const drained = await drainTimeWait({
          baseline,
          slack: 2_000,
          maxMs: 180_000,
          log: ctx.log,
        });
        notes.push(
          `Before the ${flavor} run the bench waited ${(drained.waitedMs / 1e3).toFixed(0)} s for the TIME_WAIT sockets of the previous run to drain (${drained.timeWait ?? 'n/a'} left; ${baseline} before the first run).`,
        );
      }
      ctx.log(
        `capacity · ${flavor} · ${connections.toLocaleString('en')} clients over ${nodes} nodes`,
      );
      const result = await measureCapacity(
        flavor,
        { ...plan, hostBase: HOST_BASE[flavor] },
        ctx.log,
      );
      measured[flavor] = result;
      addSamples(samples, flavor, result);
    }
    notes.push(...describe(measured, plan));
    return {
      sizes: `${connections.toLocaleString('en')} connections over ${nodes} server nodes and ${nodes} load-generator processes (open files limit: ${openFilesLimit()} per process), ${plan.concurrency} handshakes in flight per generator; ${plan.events.toLocaleString('en')} progress events measured at ${plan.eventsPerSecond} per second to ${CAPACITY_TENANTS} tenant rooms of ${Math.round(connections / CAPACITY_TENANTS).toLocaleString('en')} members each, after ${plan.warmEvents} unmeasured warm-up events; opwire: every ${plan.sdkEvery}th client a real @opwire/client`,
      tables: [
        {
          base: 'raw Socket.IO + redis-adapter (JWT middleware)',
          subject: 'opwire + redisAdapter/redisStore (jwtAuth)',
          rows: rows(samples, connections),
        },
      ],
      notes,
    };
  },
};

/**
 * @param {Samples} samples
 * @param {string} series
 * @param {Awaited<ReturnType<typeof measureCapacity>>} m
 */
function addSamples(samples, series, m) {
  for (const value of m.rssPerConnection) samples.add(series, { rssPerConnection: value });
  for (const value of m.heapPerConnection) samples.add(series, { heapPerConnection: value });
  samples.add(series, {
    connected: m.connected,
    failed: m.failed,
    connectRate: m.connectRate,
    serverCpuPerHandshake: m.serverCpuPerHandshake,
    generatorCpuPerHandshake: m.generatorCpuPerHandshake,
    redisCallsPerHandshake: m.redisCallsPerHandshake,
    sentPerHandshake: m.sentPerHandshake,
    generatorRssPerConnection: m.generatorRssPerConnection,
    lost: m.expected - m.delivered,
    deliveryRate: m.deliveryRate,
    p50: m.latency.p50,
    p95: m.latency.p95,
    p99: m.latency.p99,
    serverCpuPerThousand: m.serverCpuPerThousand,
    netServerCpuPerThousand: m.netServerCpuPerThousand,
    netGeneratorCpuPerThousand: m.netGeneratorCpuPerThousand,
    idleServerCpuPerThousandConnections: m.idleServerCpuPerThousandConnections,
    serverCpuPerEvent: m.serverCpuPerEvent,
    generatorCpuPerThousand: m.generatorCpuPerThousand,
    redisCallsPerEvent: m.redisCallsPerEvent,
    sentPerEvent: m.sentPerEvent,
    netSentPerEvent: m.netSentPerEvent,
    idleSentPerSecond: m.idleSentPerSecond,
    redisCpuMsPerEvent: m.redisCpuMsPerEvent,
    netRedisCpuMsPerEvent: m.netRedisCpuMsPerEvent,
  });
  if (m.sdkLatency.count > 0) {
    samples.add(series, { sdkP50: m.sdkLatency.p50, sdkP99: m.sdkLatency.p99 });
  }
}

/**
 * @param {Samples} samples
 * @param {number} connections
 */
function rows(samples, connections) {
  const group = `${connections.toLocaleString('en')} connections`;
  const spec = { group, base: 'raw', subject: 'opwire' };
  /** @type {Array<[string, import('../report/format.mjs').Unit, string]>} */
  const figures = [
    ['connections established', 'count', 'connected'],
    ['handshakes that failed (after two retries)', 'count', 'failed'],
    ['handshake rate, all nodes', 'rate', 'connectRate'],
    ['server CPU per handshake', 'ms', 'serverCpuPerHandshake'],
    ['load-generator CPU per handshake', 'ms', 'generatorCpuPerHandshake'],
    ['Redis commands sent per handshake (all nodes)', 'count', 'sentPerHandshake'],
    ['Redis commands run per handshake (scripts’ own included)', 'count', 'redisCallsPerHandshake'],
    ['server RSS per connection (per node)', 'bytes', 'rssPerConnection'],
    ['server heap per connection (per node)', 'bytes', 'heapPerConnection'],
    ['load-generator RSS per connection', 'bytes', 'generatorRssPerConnection'],
    ['deliveries lost', 'count', 'lost'],
    ['delivered messages/s', 'rate', 'deliveryRate'],
    ['fan-out latency p50', 'ms', 'p50'],
    ['fan-out latency p95', 'ms', 'p95'],
    ['fan-out latency p99', 'ms', 'p99'],
    [
      'server CPU per second per 1,000 connections, no event (heartbeats, timers)',
      'ms',
      'idleServerCpuPerThousandConnections',
    ],
    ['server CPU per 1,000 deliveries (all nodes)', 'ms', 'serverCpuPerThousand'],
    ['… less the CPU the nodes spend with no event', 'ms', 'netServerCpuPerThousand'],
    ['server CPU per event (all nodes)', 'ms', 'serverCpuPerEvent'],
    ['load-generator CPU per 1,000 deliveries', 'ms', 'generatorCpuPerThousand'],
    ['… less the CPU the generators spend with no event', 'ms', 'netGeneratorCpuPerThousand'],
    ['Redis commands sent per second with no event (lease renewals)', 'count', 'idleSentPerSecond'],
    ['Redis commands sent per event (all nodes)', 'count', 'sentPerEvent'],
    ['… of which for the event itself (less the renewals)', 'count', 'netSentPerEvent'],
    ['Redis commands run per event (scripts’ own included)', 'count', 'redisCallsPerEvent'],
    ['Redis CPU per event', 'ms', 'redisCpuMsPerEvent'],
    ['… less Redis CPU with no event', 'ms', 'netRedisCpuMsPerEvent'],
  ];
  const out = figures.map(([figure, unit, key]) =>
    compareRow(samples, { ...spec, figure, unit, key }),
  );
  try {
    out.push(
      subjectRow(samples, {
        group: `${group} · @opwire/client sample`,
        subject: 'opwire',
        figure: 'fan-out latency p50',
        unit: 'ms',
        key: 'sdkP50',
      }),
      subjectRow(samples, {
        group: `${group} · @opwire/client sample`,
        subject: 'opwire',
        figure: 'fan-out latency p99',
        unit: 'ms',
        key: 'sdkP99',
      }),
    );
  } catch {
    // No real client in this run (sdkEvery larger than the connections).
  }
  return out;
}

/**
 * The figures that do not fit the table, in words.
 * @param {Record<string, Awaited<ReturnType<typeof measureCapacity>>>} measured
 * @param {{ nodes: number, eventsPerSecond: number }} plan
 */
function describe(measured, plan) {
  const lines = [];
  for (const [flavor, m] of Object.entries(measured)) {
    const mib = (/** @type {number} */ bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    lines.push(
      `${flavor}: connections per node ${m.perServer.map((n) => n.toLocaleString('en')).join(', ')}; server RSS per node before connecting ${m.serverRssBefore.map(mib).join(', ')}, after ${m.serverRss.map(mib).join(', ')} (after the events ${m.serverRssAfterEvents.map(mib).join(', ')}); connecting took ${(m.connectMs / 1e3).toFixed(1)} s with the machine ${(m.connectLoad.busyShare * 100).toFixed(0)}% busy (all processes, both cores; one-minute load ${m.connectLoad.loadBefore} → ${m.connectLoad.loadAfter}); TIME_WAIT sockets ${m.tcpBefore.timeWait ?? 'n/a'} before, conntrack entries ${m.tcpConnected.conntrack ?? 'n/a'} of ${m.tcpConnected.conntrackMax ?? 'n/a'} once connected.`,
      `${flavor}: Redis commands the nodes sent while connecting: ${callList(m.sentConnect)}; per event while sending: ${callList(m.sentEvents, m.events)}. With no event, per second: ${callList(m.idleCalls)} (Redis CPU ${m.idleRedisCpuMsPerSecond.toFixed(1)} ms per second). Commands Redis ran (INFO commandstats, scripts' own included) while connecting: ${callList(m.redisCallsConnect)}; per event: ${callList(m.redisCallsEvents, m.events)}; Redis used_memory after the events ${mib(m.redisMemory)}.`,
      `${flavor}: ${m.events} events in ${(m.eventsMs / 1e3).toFixed(1)} s (${plan.eventsPerSecond}/s planned, sends at most ${m.maxLateMs.toFixed(0)} ms behind schedule), ${m.delivered.toLocaleString('en')} of ${m.expected.toLocaleString('en')} deliveries, with the machine ${(m.eventsLoad.busyShare * 100).toFixed(0)}% busy (one-minute load ${m.eventsLoad.loadBefore} → ${m.eventsLoad.loadAfter})${m.sdkClients > 0 ? `; ${m.sdkClients.toLocaleString('en')} of the clients were real @opwire/client instances, latency p50 ${m.sdkLatency.p50.toFixed(1)} ms, p99 ${m.sdkLatency.p99.toFixed(1)} ms over ${m.sdkLatency.count.toLocaleString('en')} deliveries` : ''}.`,
    );
  }
  lines.push(
    `Every process of the run (${plan.nodes} server nodes, ${plan.nodes} load generators, redis-server, and whatever else the machine runs) shares the machine's cores, and the load generators decode every delivery: the latency figures mostly measure how fast the load generators get their turn, not the servers. Server CPU per delivery and per handshake, memory per connection and Redis commands per event are the figures that carry over to other machines.`,
  );
  return lines;
}

/**
 * @param {Record<string, number>} calls
 * @param {number} [per]
 */
function callList(calls, per) {
  const entries = Object.entries(calls).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return 'none';
  return entries
    .map(([name, count]) =>
      per ? `${name} ${(count / per).toFixed(2)}` : `${name} ${count.toLocaleString('en')}`,
    )
    .join(', ');
}
