import { withChildren } from '../lib/children.mjs';
import { Samples } from '../lib/samples.mjs';
import { alternate } from './context.mjs';
import { compareRow, ratioTarget } from './rows.mjs';

/** Each series runs in a process of its own (bench/processes/clientCpu.mjs). */
const SERIES = ['raw', 'raw progress', 'bare frames', 'sdk emit', 'sdk progress'];

/** Each compared series, against the raw series it is measured beside. */
const COMPARED = [
  {
    subject: 'sdk emit',
    base: 'raw',
    what: 'plain events: `opwire.to().emit()` against `io.to().emit()`',
    target: true,
  },
  {
    subject: 'sdk progress',
    base: 'raw',
    what: 'progress events against raw `{ i, t }` events',
    target: true,
  },
  {
    subject: 'sdk progress',
    base: 'raw progress',
    what: 'progress events against a hand-written progress message',
    target: true,
  },
  {
    subject: 'bare frames',
    base: 'raw',
    what: "opwire's progress frames read by a bare socket.io-client (no @opwire/client)",
    target: false,
  },
];

/** Scenario 8: the client's CPU per delivered message, without network or server in the figure. */
/** @type {import('./context.mjs').Scenario} */
export const clientCpu = {
  id: 'client-cpu',
  title: '8. Client CPU per delivered message',
  method:
    "A CPU measurement of the receiving side alone. In the process of a series, a real server (raw Socket.IO, or opwire with the memory store) sends its packets to a recorder socket, which keeps them as they arrive: `io.to(room).emit()` of `{ i, t }` ticks and a hand-written `operation.progress` message `{ id, seq, percent, details }` for raw; `opwire.to().emit()` of the same ticks and `op.progress()` frames for opwire. Those packets are then handed, chunk by chunk, to the Engine.IO transport of every receiving client as if each had just arrived over the WebSocket: raw socket.io-client sockets with a listener per event, bare socket.io-client sockets reading opwire's frames, and real `createOpwireClient` instances (validation, routing, pattern matching, operation store) hearing them through `subscribe()`. What is measured is the process's CPU time from the first measured packet to the last delivery, divided by the deliveries, after unmeasured warm-up packets; each series runs in a process of its own (a page runs one kind of client, and one kind's code does not shape the JIT for another's), in alternating order. The browser's own WebSocket framing is not in the figure; everything after it is.",

  /** @param {import('./context.mjs').BenchContext} ctx */
  async run(ctx) {
    const { clients, messages, warmupMessages } = ctx.sizes.clientCpu;
    const samples = new Samples();
    for (let run = 0; run < ctx.runs; run += 1) {
      for (const series of alternate(SERIES, run)) {
        ctx.log(`client-cpu · ${series} · run ${run + 1}/${ctx.runs}`);
        const measured = await withChildren(async (spawn) => {
          const child = await spawn('clientCpu.mjs', {
            name: `client CPU (${series})`,
            config: { series, clients, messages, warmupMessages },
            execArgv: ['--expose-gc'],
            lifetimeMs: 10 * 60_000,
          });
          return child.request('measure', undefined, 10 * 60_000);
        });
        samples.add(series, measured);
      }
    }
    const rows = COMPARED.flatMap((compared) => {
      const spec = { group: compared.what, base: compared.base, subject: compared.subject };
      return [
        compareRow(samples, {
          ...spec,
          figure: 'CPU per 1,000 deliveries',
          unit: 'ms',
          key: 'cpuPerThousand',
          ...(compared.target ? { target: ratioTarget('≤', 1.2) } : {}),
        }),
        compareRow(samples, {
          ...spec,
          figure: 'Socket.IO packet size',
          unit: 'size',
          key: 'packetBytes',
        }),
      ];
    });
    return {
      sizes: `${clients.toLocaleString('en')} receiving clients per kind; ${messages.toLocaleString('en')} packets measured per client and series, after ${warmupMessages.toLocaleString('en')} unmeasured warm-up packets`,
      tables: [{ base: 'raw socket.io-client', subject: 'opwire', rows }],
      notes: [],
    };
  },
};
