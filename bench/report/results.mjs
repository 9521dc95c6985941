/**
 * Everything one bench run produced; written as JSON with `--json`.
 *
 * @typedef {object} ScenarioReport
 * @property {string} id
 * @property {string} title
 * @property {string} method
 * @property {import('../scenarios/context.mjs').ScenarioOutcome | null} outcome  `null` when skipped.
 * @property {string | null} skipReason
 * @property {string | null} error  The stack of the failure, when the scenario failed.
 * @property {number} seconds  Wall time the scenario took.
 *
 * @typedef {object} BenchResults
 * @property {import('../lib/sizes.mjs').Mode} mode
 * @property {string} command
 * @property {number} runs
 * @property {string} startedAt  ISO time.
 * @property {number} seconds
 * @property {ReturnType<typeof import('../lib/machine.mjs').machineInfo>} machine  Taken at the start.
 * @property {number[]} loadAverageAfter
 * @property {{ min: number, mean: number, max: number }} loadDuringRun  One-minute load average sampled every 10 s.
 * @property {ScenarioReport[]} scenarios
 */

/**
 * Every target row, met or missed.
 * @param {BenchResults} results
 */
export function targetRows(results) {
  return results.scenarios.flatMap((scenario) =>
    (scenario.outcome?.tables ?? []).flatMap((table) =>
      table.rows.filter((row) => row.target !== null).map((row) => ({ scenario, table, row })),
    ),
  );
}
