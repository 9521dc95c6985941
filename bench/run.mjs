// `npm run bench`: opwire against raw Socket.IO, side by side in one run.
import { mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './lib/args.mjs';
import { killAllChildren } from './lib/children.mjs';
import { now } from './lib/clock.mjs';
import { ensureBuilt } from './lib/ensureBuilt.mjs';
import { monitorLoad } from './lib/loadMonitor.mjs';
import { machineInfo } from './lib/machine.mjs';
import { redisServerInstalled, startPrivateRedis } from './lib/redisServer.mjs';
import { SIZES } from './lib/sizes.mjs';
import { consoleTables } from './report/consoleTable.mjs';
import { writeResults } from './report/writeResults.mjs';
import { SCENARIOS } from './scenarios/index.mjs';
import { runScenarios } from './scenarios/runScenarios.mjs';
import { defaultProfileDir } from './scenarios/session.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const args = parseArgs(argv);
const log = (/** @type {string} */ line) => console.log(`[bench] ${line}`);

process.on('exit', killAllChildren);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

/** @param {string} message */
function fail(message) {
  console.error(`[bench] ${message}`);
  process.exit(1);
}

try {
  ensureBuilt(root, { build: args.build, log });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const unknown = (args.only ?? []).filter((id) => !SCENARIOS.some((s) => s.id === id));
if (unknown.length > 0) fail(`unknown scenario(s): ${unknown.join(', ')}`);

const sizes = SIZES[args.mode];
const runs = args.runs ?? sizes.runs;
const machine = machineInfo();
const startedAt = new Date();
const started = now();
const load = monitorLoad();
log(`${args.mode} mode, ${runs} run(s) per figure; load average ${machine.loadAverage.join(', ')}`);

/** @type {Promise<{ url: string, stop: () => Promise<void> }> | null} */
let redis = null;
/** @type {import('./scenarios/context.mjs').BenchContext} */
const ctx = {
  sizes,
  runs,
  profile: args.profile,
  profileDir: defaultProfileDir(root),
  log,
  options: { connections: args.connections, nodes: args.nodes },
  singleNodeFanout: new Map(),
  async redisUrl() {
    if (!redisServerInstalled()) return null;
    redis ??= startPrivateRedis(60 * 60_000);
    return (await redis).url;
  },
};
if (args.profile) mkdirSync(ctx.profileDir, { recursive: true });

const selected = SCENARIOS.filter((s) =>
  args.only === null ? s.optIn !== true : args.only.includes(s.id),
);
const reports = await runScenarios(selected, ctx);
if (redis) await (await redis).stop();

/** @type {import('./report/results.mjs').BenchResults} */
const results = {
  mode: args.mode,
  command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
  runs,
  startedAt: startedAt.toISOString(),
  seconds: (now() - started) / 1e3,
  machine,
  loadAverageAfter: machineInfo().loadAverage,
  loadDuringRun: load.stop(),
  scenarios: reports,
};
console.log(consoleTables(results));
const written = writeResults(results, {
  root,
  json: args.json,
  out: args.out,
  // The profiler slows what it watches, and a partial run would drop the other scenarios.
  complete: args.only === null && !args.profile,
});
log(
  `${results.seconds.toFixed(0)} s in all; wrote ${relative(root, written.markdown)} and ${relative(root, written.json)}`,
);
process.exit(reports.some((report) => report.error !== null) ? 1 : 0);
