import { now } from '../lib/clock.mjs';

/**
 * Runs the scenarios one after the other. A scenario that throws is reported
 * as failed and the others still run.
 *
 * @param {import('./context.mjs').Scenario[]} scenarios
 * @param {import('./context.mjs').BenchContext} ctx
 * @returns {Promise<import('../report/results.mjs').ScenarioReport[]>}
 */
export async function runScenarios(scenarios, ctx) {
  /** @type {import('../report/results.mjs').ScenarioReport[]} */
  const reports = [];
  for (const scenario of scenarios) {
    const startedAt = now();
    /** @type {import('../report/results.mjs').ScenarioReport} */
    const report = {
      id: scenario.id,
      title: scenario.title,
      method: scenario.method,
      outcome: null,
      skipReason: null,
      error: null,
      seconds: 0,
    };
    try {
      report.outcome = await scenario.run(ctx);
      if (report.outcome === null) {
        report.skipReason = 'redis-server is not installed (e.g. apt-get install redis-server).';
      }
    } catch (error) {
      report.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
      report.skipReason = `failed: ${report.error.split('\n')[0]}`;
      console.error(`[bench] ${scenario.id} failed:\n${report.error}`);
    }
    report.seconds = (now() - startedAt) / 1e3;
    ctx.log(`${scenario.id} took ${report.seconds.toFixed(1)} s`);
    reports.push(report);
  }
  return reports;
}
