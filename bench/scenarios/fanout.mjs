import { Samples } from '../lib/samples.mjs';
import { alternate } from './context.mjs';
import { measureFanout, FANOUT_SERIES as SERIES } from './measureFanout.mjs';
import { compareRow, ratioTarget } from './rows.mjs';

/** Scenario 1: fan-out throughput and latency on one node. */
/** @type {import('./context.mjs').Scenario} */
export const fanout = {
  id: 'fanout',
  title: '1. Fan-out throughput and latency',
  method:
    "Clients sit in one room (and, as a variant, in rooms of 10). The server sends timestamped events round-robin over the rooms as fast as delivery allows: at most a fixed number of deliveries are in flight, and the load generator reports completed events back (through the parent process) to open the window. Raw Socket.IO sends `io.to(room).emit()`; opwire sends `opwire.to({ rooms: [room] }).emit()` and, as a second variant, `op.progress()` of one operation per room with coalescing off (`progressIntervalMs: 0`), each event stored in the memory store. Every run first sends unmeasured warm-up events, so code the JIT has not optimised yet does not weigh on either side. The `@opwire/client receiving` series hold every client as a real `createOpwireClient` (validation, routing, pattern matching, operation store) that hears the events through `subscribe()`, against raw clients of the hand-written server. Throughput is measured deliveries ÷ (last receipt − first measured send); latency is per delivery; server CPU is the server's CPU time from the end of the warm-up to the last receipt, divided by the measured deliveries, and load-generator CPU the same for the process that holds every client (which decodes every delivery). The packet size is the Socket.IO packet as one client receives it.",

  /** @param {import('./context.mjs').BenchContext} ctx */
  async run(ctx) {
    const { clients, messages, warmupMessages, windowMessages } = ctx.sizes.fanout;
    const layouts = [
      { name: `1 room × ${clients.toLocaleString('en')} clients`, roomCount: 1 },
      { name: `${clients / 10} rooms × 10 clients`, roomCount: clients / 10 },
    ];
    const samples = new Samples();
    for (const layout of layouts) {
      for (let run = 0; run < ctx.runs; run += 1) {
        for (const series of alternate(SERIES, run)) {
          ctx.log(`fanout · ${layout.name} · ${series.name} · run ${run + 1}/${ctx.runs}`);
          const measured = await measureFanout(ctx, {
            flavor: series.flavor,
            variant: series.variant,
            clients,
            roomCount: layout.roomCount,
            messages,
            warmupMessages,
            windowMessages,
            nodes: 1,
            redisUrl: null,
            label: `fanout-${layout.roomCount}-${series.variant}`,
          });
          samples.add(`${layout.name}/${series.name}`, measured);
          if (layout.roomCount === 1) {
            ctx.singleNodeFanout.set(series.name, [
              ...(ctx.singleNodeFanout.get(series.name) ?? []),
              measured,
            ]);
          }
        }
      }
    }
    /** @type {import('./context.mjs').Row[]} */
    const rows = [];
    for (const layout of layouts) {
      for (const series of SERIES.slice(1)) {
        const spec = {
          group: `${layout.name} · ${series.name}`,
          base: `${layout.name}/raw`,
          subject: `${layout.name}/${series.name}`,
        };
        rows.push(
          compareRow(samples, {
            ...spec,
            figure: 'delivered messages/s',
            unit: 'rate',
            key: 'throughput',
            target: ratioTarget('≥', 0.95),
          }),
          compareRow(samples, { ...spec, figure: 'latency p50', unit: 'ms', key: 'p50' }),
          compareRow(samples, { ...spec, figure: 'latency p95', unit: 'ms', key: 'p95' }),
          compareRow(samples, {
            ...spec,
            figure: 'latency p99',
            unit: 'ms',
            key: 'p99',
            target: ratioTarget('≤', 1.1),
          }),
          compareRow(samples, {
            ...spec,
            figure: 'server CPU per 1,000 deliveries',
            unit: 'ms',
            key: 'cpuPerThousand',
          }),
          compareRow(samples, {
            ...spec,
            figure: 'load-generator CPU per 1,000 deliveries',
            unit: 'ms',
            key: 'clientCpuPerThousand',
          }),
        );
        // A real client keeps its socket to itself; its packets are the protocol-level ones.
        if (series.flavor !== 'sdk') {
          rows.push(
            compareRow(samples, {
              ...spec,
              figure: 'Socket.IO packet size',
              unit: 'size',
              key: 'packetBytes',
            }),
          );
        }
      }
    }
    return {
      sizes: `${clients.toLocaleString('en')} clients; ${messages.toLocaleString('en')} deliveries measured per layout and run, after ${warmupMessages.toLocaleString('en')} unmeasured warm-up deliveries; at most ${windowMessages.toLocaleString('en')} deliveries in flight`,
      tables: [{ base: 'raw Socket.IO', subject: 'opwire', rows }],
      notes: [],
    };
  },
};
