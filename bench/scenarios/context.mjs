/**
 * What every scenario is handed.
 *
 * @typedef {object} BenchContext
 * @property {import('../lib/sizes.mjs').Sizes} sizes
 * @property {number} runs  Runs per figure.
 * @property {boolean} profile  Servers run under --cpu-prof.
 * @property {string} profileDir
 * @property {() => Promise<string | null>} redisUrl  A private redis-server, started on first use; null when not installed.
 * @property {(line: string) => void} log
 * @property {{ connections: number | null, nodes: number | null }} options  Size overrides from the command line.
 * @property {Map<string, Array<Record<string, number>>>} singleNodeFanout
 *   Scenario 1's one-room measurements per series, reused by scenario 6 as its single-node figures.
 *
 * @typedef {object} Row
 * @property {string} group  What was measured.
 * @property {string} figure
 * @property {import('../report/format.mjs').Unit} unit
 * @property {import('../lib/summary.mjs').Summary | null} base  The baseline column; `null` where it was not run.
 * @property {import('../lib/summary.mjs').Summary} subject  The compared column.
 * @property {number} ratio  subject ÷ base, of the medians.
 * @property {{ text: string, met: boolean } | null} target
 *
 * @typedef {object} Table
 * @property {string} base  Heading of the baseline column.
 * @property {string} subject  Heading of the compared column.
 * @property {Row[]} rows
 *
 * @typedef {object} ScenarioOutcome
 * @property {string} sizes  The sizes used, in words.
 * @property {Table[]} tables
 * @property {string[]} notes
 *
 * @typedef {object} Scenario
 * @property {string} id
 * @property {boolean} [optIn]  Left out of a run unless named in `--only`.
 * @property {string} title
 * @property {string} method  What is measured and how, in a paragraph.
 * @property {(ctx: BenchContext) => Promise<ScenarioOutcome | null>} run  `null` when it cannot run here.
 */

/**
 * The order flavors run in for run number `run`: alternated, so a slow
 * drift of the machine does not always hit the same side.
 * @template T
 * @param {T[]} items
 * @param {number} run
 * @returns {T[]}
 */
export function alternate(items, run) {
  return run % 2 === 0 ? items : [...items].reverse();
}
