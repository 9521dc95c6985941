/**
 * @typedef {object} BenchArgs
 * @property {import('./sizes.mjs').Mode} mode
 * @property {string[] | null} only  Scenario ids to run, or all.
 * @property {number | null} runs  Overrides the mode's number of runs.
 * @property {string | null} out  Markdown report path.
 * @property {string | null} json  Structured results path.
 * @property {boolean} build  Build the packages first when their dist is stale.
 * @property {boolean} profile  Run servers under --cpu-prof.
 * @property {number | null} connections  Capacity scenario: connections, instead of the mode's.
 * @property {number | null} nodes  Capacity scenario: server nodes (at least), instead of the mode's.
 */

const USAGE = `usage: npm run bench [-- options]
  --full            full sizes (the issue's); with every scenario and no --profile, writes docs/benchmarks.md
  --size=tiny       smallest sizes (used by the smoke test)
  --only=a,b        run only these scenarios (fanout, storm, idle, patterns, resume, redis,
                    client-cpu;
                    capacity runs only when named here)
  --connections=N   capacity: connections over all nodes (quick 10,000, full 100,000)
  --nodes=N         capacity: server nodes, each with a load generator (at least N/17,000)
  --runs=N          runs per figure
  --out=FILE        write the markdown report here
  --json=FILE       write structured results here
  --no-build        never build; fail if the packages have no dist
  --profile         run servers under node --cpu-prof (profiles in .bench-results/profiles)`;

/**
 * @param {string[]} argv
 * @returns {BenchArgs}
 */
export function parseArgs(argv) {
  /** @type {BenchArgs} */
  const args = {
    mode: 'quick',
    only: null,
    runs: null,
    out: null,
    json: null,
    build: true,
    profile: false,
    connections: null,
    nodes: null,
  };
  for (const arg of argv) {
    const [key, value] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (key === '--full') args.mode = 'full';
    else if (key === '--size' && (value === 'tiny' || value === 'quick' || value === 'full'))
      args.mode = value;
    else if (key === '--only' && value) args.only = value.split(',');
    else if (key === '--runs' && Number(value) > 0) args.runs = Number(value);
    else if (key === '--out' && value) args.out = value;
    else if (key === '--json' && value) args.json = value;
    else if (key === '--no-build') args.build = false;
    else if (key === '--profile') args.profile = true;
    else if (key === '--connections' && Number.isInteger(Number(value)) && Number(value) > 0)
      args.connections = Number(value);
    else if (key === '--nodes' && Number.isInteger(Number(value)) && Number(value) > 0)
      args.nodes = Number(value);
    else if (key === '--help' || key === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  return args;
}
