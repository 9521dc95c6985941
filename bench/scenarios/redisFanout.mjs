import { Samples } from '../lib/samples.mjs';
import { alternate } from './context.mjs';
import { measureFanout, FANOUT_SERIES as SERIES } from './measureFanout.mjs';
import { compareRow, ratioTarget } from './rows.mjs';

/** @type {import('./context.mjs').Scenario} */
export const redisFanout = {
  id: 'redis',
  title: '6. Fan-out over two nodes with Redis',
  method:
    "Scenario 1's two layouts (one room, and rooms of 10) over two server nodes joined by the Redis adapter (raw: `@socket.io/redis-adapter` with ioredis; opwire: `redisAdapter` and `redisStore` from `@opwire/server/redis`), half of the clients on each node, the first node sending. Cross-node latency is measured on the clients of the second node. Each flavor's two-node figures sit next to its single-node figures from scenario 1 of the same run (measured here when scenario 1 was not run).",

  async run(ctx) {
    const redisUrl = await ctx.redisUrl();
    if (redisUrl === null) return null;
    const { clients, messages, warmupMessages, windowMessages } = ctx.sizes.fanout;
    const samples = new Samples();
    const plan = { clients, roomCount: 1, messages, warmupMessages, windowMessages };
    const layouts = redisLayouts(clients);
    for (const layout of layouts) {
      for (let run = 0; run < ctx.runs; run += 1) {
        for (const series of alternate(SERIES, run)) {
          ctx.log(`redis · 2 nodes · ${layout.name} · ${series.name} · run ${run + 1}/${ctx.runs}`);
          const { flavor, variant } = series;
          const label = `redis-${layout.roomCount}-${variant}`;
          const measured = await measureFanout(ctx, {
            ...plan,
            roomCount: layout.roomCount,
            flavor,
            variant,
            nodes: 2,
            redisUrl,
            label,
          });
          samples.add(`2/${layout.name}/${series.name}`, measured);
          if (layout.roomCount === 1) samples.add(`2/${series.name}`, measured);
        }
      }
    }
    for (const series of SERIES) {
      const reused = ctx.singleNodeFanout.get(series.name) ?? [];
      for (const measured of reused) samples.add(`1/${series.name}`, measured);
      for (let run = reused.length; run < ctx.runs; run += 1) {
        ctx.log(`redis · 1 node · ${series.name} · run ${run + 1}/${ctx.runs}`);
        const { flavor, variant } = series;
        samples.add(
          `1/${series.name}`,
          await measureFanout(ctx, {
            ...plan,
            flavor,
            variant,
            nodes: 1,
            redisUrl: null,
            label: 'single',
          }),
        );
      }
    }
    return {
      sizes: `${clients.toLocaleString('en')} clients in one room (and in rooms of 10), split evenly over two nodes sharing a private redis-server; the first node sends; ${messages.toLocaleString('en')} deliveries measured per run after ${warmupMessages.toLocaleString('en')} warm-up deliveries, at most ${windowMessages.toLocaleString('en')} in flight (as scenario 1)`,
      tables: [
        {
          base: 'raw Socket.IO + redis-adapter',
          subject: 'opwire + redisAdapter/redisStore',
          rows: layouts.flatMap((layout) => flavorRows(samples, layout.name)),
        },
        { base: '1 node', subject: '2 nodes (cross-node)', rows: nodeRows(samples) },
      ],
      notes: [],
    };
  },
};

/** @param {number} clients */
function redisLayouts(clients) {
  return [
    { name: 'one room', roomCount: 1 },
    { name: 'rooms of 10', roomCount: Math.max(1, Math.floor(clients / 10)) },
  ];
}

/**
 * @param {Samples} samples
 * @param {string} layout
 */
function flavorRows(samples, layout) {
  return SERIES.slice(1).flatMap((series) => {
    const spec = {
      group: `2 nodes · ${layout} · ${series.name}`,
      base: `2/${layout}/raw`,
      subject: `2/${layout}/${series.name}`,
    };
    return [
      compareRow(samples, {
        ...spec,
        figure: 'delivered messages/s',
        unit: 'rate',
        key: 'throughput',
        target: ratioTarget('≥', 0.95),
      }),
      compareRow(samples, {
        ...spec,
        figure: 'cross-node latency p50',
        unit: 'ms',
        key: 'crossP50',
      }),
      compareRow(samples, {
        ...spec,
        figure: 'cross-node latency p95',
        unit: 'ms',
        key: 'crossP95',
      }),
      compareRow(samples, {
        ...spec,
        figure: 'cross-node latency p99',
        unit: 'ms',
        key: 'crossP99',
        target: ratioTarget('≤', 1.1),
      }),
      compareRow(samples, {
        ...spec,
        figure: 'server CPU per 1,000 deliveries (both nodes)',
        unit: 'ms',
        key: 'cpuPerThousand',
      }),
      compareRow(samples, {
        ...spec,
        figure: 'load-generator CPU per 1,000 deliveries',
        unit: 'ms',
        key: 'clientCpuPerThousand',
      }),
    ];
  });
}

/** @param {Samples} samples */
function nodeRows(samples) {
  return SERIES.flatMap((series) => {
    const spec = { group: series.name, base: `1/${series.name}`, subject: `2/${series.name}` };
    return [
      compareRow(samples, {
        ...spec,
        figure: 'delivered messages/s',
        unit: 'rate',
        key: 'throughput',
      }),
      ...['p50', 'p95', 'p99'].map((p) =>
        compareRow(samples, {
          ...spec,
          figure: `latency ${p}`,
          unit: 'ms',
          key: p,
          subjectKey: `cross${p.toUpperCase()}`,
        }),
      ),
    ];
  });
}
