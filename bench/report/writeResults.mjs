import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { markdownReport } from './markdown.mjs';

/**
 * Writes the structured results and the markdown report. By default a complete
 * full-mode run (every scenario, no profiler) is docs/benchmarks.md; partial or
 * profiled runs and other modes write under .bench-results/ (partial ones as `*-partial`).
 *
 * @param {import('./results.mjs').BenchResults} results
 * @param {{ root: string, json: string | null, out: string | null, complete: boolean }} paths
 * @returns {{ json: string, markdown: string }}
 */
export function writeResults(results, { root, json, out, complete }) {
  const resultsDir = join(root, '.bench-results');
  // A partial run keeps its own files, so `bench/render.mjs` never renders one as the full run.
  const name = complete ? results.mode : `${results.mode}-partial`;
  const jsonPath = json ? resolve(json) : join(resultsDir, `${name}.json`);
  const markdownPath = out
    ? resolve(out)
    : results.mode === 'full' && complete
      ? join(root, 'docs', 'benchmarks.md')
      : join(resultsDir, `benchmarks-${name}.md`);
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  mkdirSync(dirname(markdownPath), { recursive: true });
  writeFileSync(markdownPath, markdownReport(results, join(root, 'bench', 'findings.md')));
  return { json: jsonPath, markdown: markdownPath };
}
