import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisSkipReason } from '@opwire/test-kit/redisServer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from './runBench.js';

// The capacity scenario is left out of the default bench run; this runs it at
// its tiny size (300 connections over two nodes) so the script cannot rot.
// Nothing here asserts on timings.

const skip = redisSkipReason();

interface Summary {
  median: number;
  samples: number[];
}
interface Row {
  figure: string;
  base: Summary | null;
  subject: Summary;
}
interface Report {
  scenarios: Array<{
    id: string;
    error: string | null;
    outcome: { tables: Array<{ rows: Row[] }>; notes: string[] } | null;
  }>;
}

describe.skipIf(skip !== null)('bench capacity scenario at tiny size', () => {
  let dir: string | undefined;
  let run: { code: number | null; output: string; report: Report | null };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opwire-bench-capacity-'));
    const json = join(dir, 'capacity.json');
    const result = await runBench(
      [
        '--only=capacity',
        '--size=tiny',
        '--no-build',
        `--json=${json}`,
        `--out=${join(dir, 'capacity.md')}`,
      ],
      150_000,
    );
    const report = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Report) : null;
    run = { ...result, report };
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('connects every client on both sides and delivers every event', () => {
    expect(run.code, run.output).toBe(0);
    const scenario = run.report?.scenarios.find((candidate) => candidate.id === 'capacity');
    expect(scenario?.error ?? null, run.output).toBeNull();
    const rows = scenario?.outcome?.tables[0]?.rows ?? [];
    const row = (figure: string) => rows.find((candidate) => candidate.figure === figure);
    expect(row('connections established')?.base?.median).toBe(300);
    expect(row('connections established')?.subject.median).toBe(300);
    expect(row('deliveries lost')?.base?.median).toBe(0);
    expect(row('deliveries lost')?.subject.median).toBe(0);
    for (const candidate of rows) {
      for (const value of candidate.subject.samples) expect(Number.isFinite(value)).toBe(true);
    }
    expect(scenario?.outcome?.notes.length).toBeGreaterThan(0);
  });
});

if (skip !== null) console.warn(skip);
