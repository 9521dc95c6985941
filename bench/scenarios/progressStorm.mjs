import { withChildren } from '../lib/children.mjs';
import { Samples } from '../lib/samples.mjs';
import { alternate } from './context.mjs';
import { compareRow, ratioTarget, subjectRow } from './rows.mjs';
import { serverCpu, startGenerator, startServer } from './session.mjs';

/** Default coalescing: one progress message per 100 ms; the final flush may add one. */
const MOST_PER_SECOND = 11;

/** @type {import('./context.mjs').Scenario} */
export const progressStorm = {
  id: 'storm',
  title: '2. Progress storm',
  method:
    "One job calls progress once per item in a tight loop and then completes; the event loop turns every 1,000 calls (a job that does any I/O lets it turn; without that nothing reaches the wire before the loop ends). Raw Socket.IO emits once per call to the followers' room; opwire calls `op.progress()` at its default coalescing (100 ms). Server CPU time runs from the job's start until every client has the final value and the completion; messages are counted by the clients; the busiest second is the most progress messages one client received within any one second. Both sides run the same number of calls; opwire alone also runs the issue's 1,000,000 calls, once as the tight loop and once paced (1 ms pause per slice of calls) so the job lasts seconds and the per-second limit is exercised.",

  async run(ctx) {
    const { clients, sharedCalls, calls, slice, pacedSlice } = ctx.sizes.storm;
    const samples = new Samples();
    for (let run = 0; run < ctx.runs; run += 1) {
      for (const flavor of alternate(/** @type {const} */ (['raw', 'opwire']), run)) {
        ctx.log(`storm · ${flavor} · ${sharedCalls} calls · run ${run + 1}/${ctx.runs}`);
        const plan = { clients, calls: sharedCalls, slice, pauseMs: 0 };
        samples.add(flavor, await measureStorm(ctx, flavor, plan));
      }
      ctx.log(`storm · opwire · ${calls} calls · run ${run + 1}/${ctx.runs}`);
      samples.add(
        'tight',
        await measureStorm(ctx, 'opwire', { clients, calls, slice, pauseMs: 0 }),
      );
      const paced = { clients, calls, slice: pacedSlice, pauseMs: 1 };
      samples.add('paced', await measureStorm(ctx, 'opwire', paced));
    }
    const shared = {
      group: `${sharedCalls.toLocaleString('en')} calls`,
      base: 'raw',
      subject: 'opwire',
    };
    const large = `${calls.toLocaleString('en')} calls`;
    const rawCpu = samples.summary('raw', 'cpuMs').median;
    return {
      sizes: `${clients} following clients; ${sharedCalls.toLocaleString('en')} calls on both sides; opwire alone also ${calls.toLocaleString('en')} calls (tight, and paced with a 1 ms pause every ${pacedSlice.toLocaleString('en')} calls)`,
      tables: [
        {
          base: 'raw Socket.IO (emit per call)',
          subject: 'opwire (coalesced)',
          rows: [
            compareRow(samples, {
              ...shared,
              figure: 'server CPU time',
              unit: 'ms',
              key: 'cpuMs',
              target: ratioTarget('≤', 0.1),
            }),
            ...commonRowSpecs().map((row) => compareRow(samples, { ...shared, ...row })),
          ],
        },
        {
          base: 'raw Socket.IO',
          subject: 'opwire (coalesced)',
          rows: [
            ...['tight', 'paced'].flatMap((series) =>
              [
                { figure: 'server CPU time', unit: /** @type {const} */ ('ms'), key: 'cpuMs' },
                ...commonRowSpecs(),
              ].map((row) =>
                subjectRow(samples, {
                  ...row,
                  group: `${large} · ${series} loop`,
                  subject: series,
                }),
              ),
            ),
          ],
        },
      ],
      notes: [
        `Raw Socket.IO was not run at ${large}: it sends one message per call to every follower, ${(calls * clients).toLocaleString('en')} messages in all. At the ${(rawCpu / sharedCalls).toFixed(2)} ms of server CPU per call measured above, that is about ${Math.round(((rawCpu / sharedCalls) * calls) / 1e3).toLocaleString('en')} s of server CPU per run.`,
      ],
    };
  },
};

function commonRowSpecs() {
  return [
    {
      figure: 'messages on the wire (all clients)',
      unit: /** @type {const} */ ('count'),
      key: 'messages',
    },
    {
      figure: 'progress messages in the busiest second',
      unit: /** @type {const} */ ('count'),
      key: 'peakPerSecond',
      target: (
        /** @type {number} */ _ratio,
        /** @type {import('../lib/summary.mjs').Summary} */ opwire,
      ) => ({
        text: `opwire ≤ ~10 (${MOST_PER_SECOND} with the final flush)`,
        met: opwire.max <= MOST_PER_SECOND,
      }),
    },
    { figure: 'job loop duration', unit: /** @type {const} */ ('ms'), key: 'loopMs' },
    {
      figure: 'time until every client has the final value',
      unit: /** @type {const} */ ('ms'),
      key: 'finalMs',
    },
    {
      figure: 'final value exact on every client',
      unit: /** @type {const} */ ('yes'),
      key: 'exact',
      target: (
        /** @type {number} */ _ratio,
        /** @type {import('../lib/summary.mjs').Summary} */ opwire,
      ) => ({
        text: 'opwire exact in every run',
        met: opwire.min === 1,
      }),
    },
  ];
}

/**
 * @param {import('./context.mjs').BenchContext} ctx
 * @param {'raw' | 'opwire'} flavor
 * @param {{ clients: number, calls: number, slice: number, pauseMs: number }} plan
 */
function measureStorm(ctx, flavor, { clients, calls, slice, pauseMs }) {
  return withChildren(async (spawn) => {
    const [server, generator] = await Promise.all([
      startServer(spawn, ctx, flavor, {}, 'storm'),
      startGenerator(spawn, ctx, flavor, 'storm'),
    ]);
    await generator.request('connect', {
      url: server.url,
      count: clients,
      group: 0,
      concurrency: 50,
    });
    await generator.request('join', { prefix: 'bench:storm', roomCount: 1 });
    await generator.request('storm.follow', { calls });
    const cpuBefore = await serverCpu(server);
    const { startedAt } = await server.request('storm.start', {
      room: 'bench:storm0',
      calls,
      slice,
      pauseMs,
    });
    const followed = await generator.request('storm.result', undefined, 5 * 60_000);
    const loopMs = await server.request('storm.finished', undefined, 5 * 60_000);
    const cpuMs = (await serverCpu(server)) - cpuBefore;
    return {
      cpuMs,
      messages: followed.messages,
      peakPerSecond: followed.peakPerSecond,
      loopMs,
      finalMs: followed.lastFinalAt - startedAt,
      exact: followed.exact ? 1 : 0,
    };
  });
}
