import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redisSkipReason } from '@opwire/test-kit/redisServer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from './runBench.js';

// Runs every benchmark scenario at its tiny size so the scripts cannot rot.
// Nothing here asserts on timings; only that each script completes and
// reports figures of the right shape.

const root = fileURLToPath(new URL('../..', import.meta.url));
const builtFiles = [
  'packages/protocol/dist/index.js',
  'packages/server-sdk/dist/index.js',
  'packages/server-sdk/dist/redis/index.js',
];

interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}
interface Row {
  group: string;
  figure: string;
  unit: string;
  base: Summary | null;
  subject: Summary;
  ratio: number | null;
}
interface Report {
  mode: string;
  machine: { cores: number; node: string };
  scenarios: Array<{
    id: string;
    error: string | null;
    skipReason: string | null;
    outcome: {
      sizes: string;
      tables: Array<{ base: string; subject: string; rows: Row[] }>;
    } | null;
  }>;
}

function expectSane(summary: Summary, unit: string) {
  expect(summary.samples.length).toBeGreaterThan(0);
  for (const value of summary.samples) {
    expect(Number.isFinite(value)).toBe(true);
    if (unit !== 'bytes') expect(value).toBeGreaterThanOrEqual(0);
  }
  expect(summary.min).toBeLessThanOrEqual(summary.median);
  expect(summary.median).toBeLessThanOrEqual(summary.max);
}

const scenarios = ['fanout', 'storm', 'idle', 'patterns', 'resume', 'redis', 'client-cpu'];

describe('bench scripts at tiny size', () => {
  let dir: string | undefined;
  let run: { code: number | null; output: string; report: Report | null };

  beforeAll(async () => {
    const missing = builtFiles.filter((file) => !existsSync(join(root, file)));
    if (missing.length > 0) {
      throw new Error(
        `The bench smoke test runs against the built packages; ${missing.join(', ')} is missing. Run \`npm run build\` first.`,
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'opwire-bench-'));
    const json = join(dir, 'tiny.json');
    const markdown = join(dir, 'tiny.md');
    const result = await runBench(
      ['--size=tiny', '--no-build', `--json=${json}`, `--out=${markdown}`],
      90_000,
    );
    const report = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Report) : null;
    run = { ...result, report };
    if (existsSync(markdown)) {
      expect(readFileSync(markdown, 'utf8')).toContain(
        '# Benchmarks: opwire against raw Socket.IO',
      );
    }
  }, 150_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs every scenario in one invocation and exits cleanly', () => {
    expect(run.code, run.output).toBe(0);
    expect(run.report?.mode).toBe('tiny');
    expect(run.report?.machine.cores).toBeGreaterThan(0);
    expect(run.report?.scenarios.map((scenario) => scenario.id)).toEqual(scenarios);
  });

  it.each(scenarios)('%s reports sane figures', (id) => {
    const scenario = run.report?.scenarios.find((candidate) => candidate.id === id);
    expect(scenario, run.output).toBeDefined();
    expect(scenario?.error ?? null, run.output).toBeNull();
    if (id === 'redis' && redisSkipReason() !== null) {
      expect(scenario?.outcome).toBeNull();
      return;
    }
    const tables = scenario?.outcome?.tables ?? [];
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(table.rows.length).toBeGreaterThan(0);
      for (const row of table.rows) {
        expectSane(row.subject, row.unit);
        if (row.base !== null) expectSane(row.base, row.unit);
        if (row.unit === 'yes') expect(row.subject.min).toBe(1);
      }
    }
  });
});
