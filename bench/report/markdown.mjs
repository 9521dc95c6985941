import { existsSync, readFileSync } from 'node:fs';
import { SIZES } from '../lib/sizes.mjs';
import { formatRatio, formatSummary, formatTarget } from './format.mjs';
import { targetRows } from './results.mjs';

/**
 * The report page: machine, method, sizes, every table, the targets, and the
 * hand-written findings (bench/findings.md) when there are any.
 * @param {import('./results.mjs').BenchResults} results
 * @param {string} findingsPath
 * @returns {string}
 */
export function markdownReport(results, findingsPath) {
  const { machine } = results;
  const out = [
    '# Benchmarks: opwire against raw Socket.IO',
    '',
    `Figures from \`${results.command}\`, run on ${results.startedAt.slice(0, 10)} (${Math.round(results.seconds / 60)} min). ` +
      'Run it again to refresh this page; `npm run bench` runs the same scenarios at the quick sizes in under three minutes and only prints them (and writes `.bench-results/`).',
    '',
    '## Machine',
    '',
    '| cores | CPU | memory | Node | OS | open files (`ulimit -n`) |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${machine.cores} | ${machine.cpu} | ${machine.memoryGiB} GiB | ${machine.node} | ${machine.os} | ${machine.openFiles} |`,
    '',
    `Load average (1, 5, 15 min) at the start: ${machine.loadAverage.join(', ')}; at the end: ${results.loadAverageAfter.join(', ')}. The one-minute load sampled every 10 s during the run: ${results.loadDuringRun.min}–${results.loadDuringRun.max}, mean ${results.loadDuringRun.mean}. The machine is shared: a load above the two cores means other processes competed with the bench, which widens the min–max ranges.`,
    '',
    '## How the figures are made',
    '',
    `- Each figure is the **median of ${results.runs} run${results.runs === 1 ? '' : 's'}**, with the minimum and maximum in brackets. The raw Socket.IO figure next to it comes from the same invocation, and raw and opwire runs alternate, so both see the same machine.`,
    '- **ratio** is the right column ÷ the left one, of the medians (opwire ÷ raw in most tables): above 1 is more throughput, but also more latency, CPU or memory.',
    '- Every run starts fresh processes: the server node(s), and one load-generator process that holds every client (`socket.io-client`, WebSocket transport, one engine per client). They talk over 127.0.0.1. A parent process only orchestrates; servers and generator share the two cores.',
    "- Timestamps come from the machine's monotonic clock, which every process reads alike, so send→receive latency needs no clock synchronisation.",
    '- Servers run with `NODE_ENV=production` and import the built packages (`packages/*/dist`).',
    '- The raw Socket.IO servers are written the way most teams write them by hand: rooms from the handshake, a `join` event, `io.to(room).emit()`, one emit per progress call (bench/server/rawFlavor.mjs). The opwire servers use the public API only (bench/server/opwireFlavor.mjs).',
    '',
    '## Sizes',
    '',
    ...sizesTable(),
    '',
    '## Targets',
    '',
    '| scenario | what | figure | raw | opwire | ratio | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...targetRows(results).map(
      ({ scenario, row }) =>
        `| ${scenario.title} | ${row.group} | ${row.figure} | ${formatSummary(row.base, row.unit)} | ${formatSummary(row.subject, row.unit)} | ${formatRatio(row)} | ${formatTarget(row)} |`,
    ),
    '',
  ];
  for (const scenario of results.scenarios) {
    out.push(`## ${scenario.title}`, '', scenario.method, '');
    if (scenario.outcome === null) {
      out.push(`Not run: ${scenario.skipReason}`, '');
      continue;
    }
    out.push(`Sizes: ${scenario.outcome.sizes}.`, '');
    for (const table of scenario.outcome.tables) {
      out.push(
        `| what | figure | ${table.base} | ${table.subject} | ratio | target |`,
        '| --- | --- | --- | --- | --- | --- |',
        ...table.rows.map(
          (row) =>
            `| ${row.group} | ${row.figure} | ${formatSummary(row.base, row.unit)} | ${formatSummary(row.subject, row.unit)} | ${formatRatio(row)} | ${formatTarget(row)} |`,
        ),
        '',
      );
    }
    for (const note of scenario.outcome.notes) out.push(`- ${note}`);
    if (scenario.outcome.notes.length > 0) out.push('');
  }
  if (existsSync(findingsPath)) out.push(readFileSync(findingsPath, 'utf8').trim(), '');
  return `${out.join('\n')}\n`;
}

function sizesTable() {
  /** @type {Array<[string, (sizes: import('../lib/sizes.mjs').Sizes) => string]>} */
  const rows = [
    ['runs per figure', (z) => String(z.runs)],
    ['1, 6 · clients', (z) => n(z.fanout.clients)],
    ['1, 6 · deliveries measured per layout and run', (z) => n(z.fanout.messages)],
    ['1, 6 · warm-up deliveries before them', (z) => n(z.fanout.warmupMessages)],
    ['1, 6 · deliveries in flight', (z) => n(z.fanout.windowMessages)],
    ['2 · following clients', (z) => n(z.storm.clients)],
    ['2 · calls, both sides', (z) => n(z.storm.sharedCalls)],
    ['2 · calls, opwire alone', (z) => n(z.storm.calls)],
    ['3 · idle connections', (z) => n(z.idle.connections)],
    ['4 · patterns', (z) => n(z.patterns.patterns)],
    ['4 · topics, time per side', (z) => `${n(z.patterns.topics)}, ≥ ${z.patterns.minMs} ms`],
    ['5 · clients × missed events', (z) => `${n(z.resume.clients)} × ${z.resume.missed}`],
    [
      '7 · connections × nodes (only with `--only=capacity`)',
      (z) => `${n(z.capacity.connections)} × ${z.capacity.nodes}`,
    ],
    ['8 · receiving clients per series', (z) => n(z.clientCpu.clients)],
    [
      '8 · packets measured per client (after warm-up)',
      (z) => `${n(z.clientCpu.messages)} (${n(z.clientCpu.warmupMessages)})`,
    ],
  ];
  return [
    '| scenario · size | quick (`npm run bench`) | full (`npm run bench -- --full`) |',
    '| --- | --- | --- |',
    ...rows.map(([label, size]) => `| ${label} | ${size(SIZES.quick)} | ${size(SIZES.full)} |`),
  ];
}

/** @param {number} value */
function n(value) {
  return value.toLocaleString('en');
}
