// Re-renders a report from saved results, e.g. after editing bench/findings.md:
// node bench/render.mjs [.bench-results/full.json] [docs/benchmarks.md]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownReport } from './report/markdown.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [from = join(root, '.bench-results', 'full.json'), to] = process.argv.slice(2);
const results = JSON.parse(readFileSync(from, 'utf8'));
const out = to ?? (results.mode === 'full' ? join(root, 'docs', 'benchmarks.md') : null);
if (out === null) {
  console.error(
    'usage: node bench/render.mjs RESULTS.json [OUT.md] (OUT is required unless the results are from --full)',
  );
  process.exit(2);
}
writeFileSync(out, markdownReport(results, join(root, 'bench', 'findings.md')));
console.log(`wrote ${out}`);
