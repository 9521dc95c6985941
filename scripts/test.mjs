// `npm test`: build, typecheck, lint, check packaging, type-check the docs' code,
// run every vitest project, then print one line with vitest's own counts.
// Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const resultsFile = '.test-results/vitest.json';
const steps = [
  ['build', 'npm', ['run', 'build', '--silent']],
  ['typecheck', 'npm', ['run', 'typecheck', '--silent']],
  ['lint', 'npm', ['run', 'lint', '--silent']],
  ['packaging', 'npm', ['run', 'check:packages', '--silent']],
  ['docs', 'npm', ['run', 'check:docs', '--silent']],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed; tests were not run.`);
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

console.log('\n▶ vitest');
rmSync(resultsFile, { force: true });
mkdirSync('.test-results', { recursive: true });
const vitest = spawnSync(
  'npx',
  [
    '--no-install',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

let summary;
try {
  summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  console.error('✖ vitest wrote no results');
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}
const passed = summary.numPassedTests;
const failed = summary.numFailedTests;
const skipped = summary.numPendingTests + summary.numTodoTests;
const suitesFailed = summary.numFailedTestSuites;
let line = `tests: ${passed} passed, ${failed} failed`;
if (skipped > 0) line += `, ${skipped} skipped`;
console.log(`\n${line}`);
if (suitesFailed > 0 && failed === 0)
  console.error(
    `✖ ${suitesFailed} suite(s) failed outside any test (a hook or an import): see above`,
  );
process.exit(vitest.status === 0 && failed === 0 && suitesFailed === 0 ? 0 : 1);
