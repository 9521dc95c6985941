import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { markdownReport } from './markdown.mjs';

/**
 * Writes the structured results and the markdown report. By default the full
 * mode's report is docs/benchmarks.md; other modes write under .bench-results/.
 *
 * @param {import('./results.mjs').BenchResults} results
 * @param {{ root: string, json: string | null, out: string | null }} paths
 * @returns {{ json: string, markdown: string }}
 */
export function writeResults(results, { root, json, out }) {
  const resultsDir = join(root, '.bench-results');
  const jsonPath = json ? resolve(json) : join(resultsDir, `${results.mode}.json`);
  const markdownPath = out
    ? resolve(out)
    : results.mode === 'full'
      ? join(root, 'docs', 'benchmarks.md')
      : join(resultsDir, `benchmarks-${results.mode}.md`);
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  mkdirSync(dirname(markdownPath), { recursive: true });
  writeFileSync(markdownPath, markdownReport(results, join(root, 'bench', 'findings.md')));
  return { json: jsonPath, markdown: markdownPath };
}
