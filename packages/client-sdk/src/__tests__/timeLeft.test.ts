import { describe, expect, it } from 'vitest';
import { estimateTimeLeft } from '../timeLeft.js';

describe('estimateTimeLeft', () => {
  it('knows nothing without progress or a declared duration', () => {
    expect(estimateTimeLeft({ samples: [], startedAt: 0, now: 5_000 })).toBeNull();
  });

  it('uses the declared duration before any progress', () => {
    expect(
      estimateTimeLeft({ samples: [], startedAt: 0, estimatedDurationMs: 10_000, now: 4_000 }),
    ).toBe(6_000);
  });

  it('extrapolates from the start when only one sample exists', () => {
    // 25% after 10 s: 30 s to go at that pace.
    expect(
      estimateTimeLeft({ samples: [{ at: 10_000, percent: 25 }], startedAt: 0, now: 10_000 }),
    ).toBe(30_000);
  });

  it('follows the recent rate and counts down between samples', () => {
    const samples = [
      { at: 0, percent: 0 },
      { at: 1_000, percent: 10 },
      { at: 2_000, percent: 20 },
    ];
    expect(estimateTimeLeft({ samples, startedAt: 0, now: 2_000 })).toBe(8_000);
    expect(estimateTimeLeft({ samples, startedAt: 0, now: 5_000 })).toBe(5_000);
    expect(estimateTimeLeft({ samples, startedAt: 0, now: 60_000 })).toBe(0);
  });

  it('only looks at the last window of samples, so a speed-up shows', () => {
    const slow = Array.from({ length: 10 }, (_, i) => ({ at: i * 10_000, percent: i }));
    const fast = Array.from({ length: 8 }, (_, i) => ({
      at: 100_000 + i * 100,
      percent: 10 + i * 5,
    }));
    const left = estimateTimeLeft({ samples: [...slow, ...fast], startedAt: 0, now: 100_700 });
    // 35 points over the last 700 ms: the 55 points left take 1.1 s.
    expect(left).toBe(1_100);
  });

  it('starts a new window when the percent goes down (a stage restarting at 0)', () => {
    const samples = [
      { at: 0, percent: 0 },
      { at: 1_000, percent: 90 },
      { at: 2_000, percent: 0 },
      { at: 4_000, percent: 20 },
    ];
    // 20 points in 2 s since the restart: 80 left take 8 s.
    expect(estimateTimeLeft({ samples, startedAt: 0, now: 4_000 })).toBe(8_000);
    // A lone sample after a restart says nothing about the pace.
    expect(estimateTimeLeft({ samples: samples.slice(0, 3), startedAt: 0, now: 2_000 })).toBeNull();
  });

  it('blends the declared duration with the observed rate by progress', () => {
    // Observed: 50% in 10 s → 10 s left. Declared: 30 s total → 20 s left. Half-way: 15 s.
    expect(
      estimateTimeLeft({
        samples: [{ at: 10_000, percent: 50 }],
        startedAt: 0,
        estimatedDurationMs: 30_000,
        now: 10_000,
      }),
    ).toBe(15_000);
  });

  it('is 0 at 100% and never negative', () => {
    expect(estimateTimeLeft({ samples: [{ at: 5, percent: 100 }], startedAt: 0, now: 1 })).toBe(0);
    expect(
      estimateTimeLeft({ samples: [], startedAt: 0, estimatedDurationMs: 1_000, now: 9_000 }),
    ).toBe(0);
  });
});
