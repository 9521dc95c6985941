import { withChildren } from '../lib/children.mjs';
import { openFilesLimit } from '../lib/machine.mjs';
import { Samples } from '../lib/samples.mjs';
import { alternate } from './context.mjs';
import { compareRow, ratioTarget } from './rows.mjs';
import { startGenerator, startServer } from './session.mjs';

/** Scenario 3: memory per idle connection and connect rate. */
/** @type {import('./context.mjs').Scenario} */
export const idleConnections = {
  id: 'idle',
  title: '3. Idle connections',
  method:
    'Clients connect and stay idle. Raw Socket.IO takes user and tenant from a plain handshake and joins both rooms; opwire verifies a JWT (HS256, with `exp`) and joins the built-in user and tenant rooms, then sends its hello. A tenth as many clients connect first, so code compiled on the first connections and other one-off costs are not counted per connection. Memory is then read in the server process after three forced garbage collections, before and after the measured connections; per connection is the difference divided by their number. Connect rate is connections ÷ the time until the last one was ready (raw: `connect`; opwire: `opwire:hello`).',

  /** @param {import('./context.mjs').BenchContext} ctx */
  async run(ctx) {
    const { connections } = ctx.sizes.idle;
    const samples = new Samples();
    for (let run = 0; run < ctx.runs; run += 1) {
      for (const flavor of alternate(/** @type {const} */ (['raw', 'opwire']), run)) {
        ctx.log(`idle · ${flavor} · run ${run + 1}/${ctx.runs}`);
        samples.add(flavor, await measureIdle(ctx, flavor, connections));
      }
    }
    const spec = {
      group: `${connections.toLocaleString('en')} connections`,
      base: 'raw',
      subject: 'opwire',
    };
    return {
      sizes: `${connections.toLocaleString('en')} connections from one load-generator process (open files limit: ${openFilesLimit()}), each in its user and tenant rooms (100 tenants), at most 100 handshakes in flight`,
      tables: [
        {
          base: 'raw Socket.IO (plain handshake)',
          subject: 'opwire (JWT)',
          rows: [
            compareRow(samples, {
              ...spec,
              figure: 'server RSS per connection',
              unit: 'bytes',
              key: 'rssPerConnection',
              target: ratioTarget('≤', 1.15),
            }),
            compareRow(samples, {
              ...spec,
              figure: 'server heap per connection',
              unit: 'bytes',
              key: 'heapPerConnection',
              target: ratioTarget('≤', 1.15),
            }),
            compareRow(samples, {
              ...spec,
              figure: 'connect rate',
              unit: 'rate',
              key: 'connectRate',
            }),
          ],
        },
      ],
      notes: [],
    };
  },
};

/**
 * @param {import('./context.mjs').BenchContext} ctx
 * @param {'raw' | 'opwire'} flavor
 * @param {number} connections
 */
function measureIdle(ctx, flavor, connections) {
  return withChildren(async (spawn) => {
    const [server, generator] = await Promise.all([
      startServer(spawn, ctx, flavor, {}, 'idle'),
      startGenerator(spawn, ctx, flavor, 'idle'),
    ]);
    const warmUp = Math.max(1, Math.round(connections / 10));
    await generator.request('connect', {
      url: server.url,
      count: warmUp,
      group: 0,
      concurrency: 100,
    });
    const before = await server.request('memory');
    const opened = await generator.request(
      'connect',
      { url: server.url, count: connections, group: 0, concurrency: 100 },
      10 * 60_000,
    );
    const connected = await server.request('connections');
    if (connected !== warmUp + connections) {
      throw new Error(`${connected} of ${warmUp + connections} connections reached the server`);
    }
    const after = await server.request('memory');
    return {
      rssPerConnection: (after.rss - before.rss) / connections,
      heapPerConnection: (after.heapUsed - before.heapUsed) / connections,
      connectRate: connections / (opened.ms / 1e3),
    };
  });
}
