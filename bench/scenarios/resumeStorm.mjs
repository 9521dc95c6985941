import { withChildren } from '../lib/children.mjs';
import { Samples } from '../lib/samples.mjs';
import { alternate } from './context.mjs';
import { compareRow } from './rows.mjs';
import { startGenerator, startServer } from './session.mjs';

/** A run ends when no client has caught up for this long; the rest count as not converged. */
const STALL_MS = 15_000;

/** Scenario 5: every client reconnects at once after missing events. */
/** @type {import('./context.mjs').Scenario} */
export const resumeStorm = {
  id: 'resume',
  title: '5. Resume storm',
  method:
    "Each client follows its own operation (started plus one progress: seq 2). Every connection is then dropped as a network failure would drop it, the server reports 50 more events per operation, and all clients reconnect in the same instant. Raw Socket.IO uses its connection state recovery (the missed packets are replayed by the server when the session is restored); opwire clients send `opwire:resume` with (id, seq, epoch) after the hello and apply the replayed events. The figure is the time from the reconnect call until the last client has the operation's last seq; a client whose connection fails, or that has not caught up when no client has made progress for 15 s, counts as not converged instead.",

  /** @param {import('./context.mjs').BenchContext} ctx */
  async run(ctx) {
    const { clients, missed } = ctx.sizes.resume;
    const samples = new Samples();
    for (let run = 0; run < ctx.runs; run += 1) {
      for (const flavor of alternate(/** @type {const} */ (['raw', 'opwire']), run)) {
        ctx.log(`resume · ${flavor} · run ${run + 1}/${ctx.runs}`);
        samples.add(flavor, await measureResume(ctx, flavor, { clients, missed }));
      }
    }
    const spec = {
      group: `${clients.toLocaleString('en')} clients × ${missed} missed events`,
      base: 'raw',
      subject: 'opwire',
    };
    return {
      sizes: `${clients.toLocaleString('en')} clients, each following its own operation through its user room; every connection dropped (transport closed, not a clean disconnect), ${missed} events per operation sent meanwhile, then all clients reconnect at once`,
      tables: [
        {
          base: 'raw Socket.IO (connection state recovery)',
          subject: 'opwire (resume)',
          rows: [
            compareRow(samples, {
              ...spec,
              figure: 'time until the last client converged',
              unit: 'ms',
              key: 'ms',
            }),
            compareRow(samples, {
              ...spec,
              figure: 'events replayed',
              unit: 'count',
              key: 'replayed',
            }),
            compareRow(samples, {
              ...spec,
              figure: 'clients that got a snapshot instead',
              unit: 'count',
              key: 'snapshots',
            }),
            compareRow(samples, {
              ...spec,
              figure: `clients that had not converged after ${STALL_MS / 1e3} s without progress`,
              unit: 'count',
              key: 'notConverged',
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
 * @param {{ clients: number, missed: number }} plan
 */
function measureResume(ctx, flavor, { clients, missed }) {
  return withChildren(async (spawn) => {
    const [server, generator] = await Promise.all([
      startServer(spawn, ctx, flavor, { recovery: true, progressIntervalMs: 0 }, 'resume'),
      startGenerator(spawn, ctx, flavor, 'resume'),
    ]);
    await generator.request('connect', {
      url: server.url,
      count: clients,
      group: 0,
      concurrency: 50,
    });
    await generator.request('resume.follow');
    await server.request('resume.start', { users: clients });
    await generator.request('resume.reached', { seq: 2 });
    await generator.request('resume.drop');
    for (let attempt = 0; (await server.request('connections')) > 0; attempt += 1) {
      if (attempt > 1_000) throw new Error('the server still holds dropped connections');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await server.request('resume.miss', { events: missed });
    const result = await generator.request(
      'resume.reconnect',
      { finalSeq: 2 + missed, stallMs: STALL_MS },
      10 * 60_000,
    );
    return {
      ms: result.ms,
      replayed: result.replayed,
      snapshots: result.snapshots,
      notConverged: clients - result.converged,
    };
  });
}
