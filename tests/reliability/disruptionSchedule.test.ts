import { describe, expect, it } from 'vitest';
import { type DisruptionStep, disruptionSchedule } from './chaos/disruptions.js';

const take = (next: () => DisruptionStep, count: number) =>
  Array.from({ length: count }, () => next());

describe('the chaos suites’ disruption schedule', () => {
  it('gives a seed the same steps in the same order, so a failing run replays', () => {
    const targets = { relays: 50, nodes: 2 };
    const first = take(disruptionSchedule(1234, targets), 200);
    expect(take(disruptionSchedule(1234, targets), 200)).toEqual(first);
    expect(take(disruptionSchedule(1235, targets), 200)).not.toEqual(first);
  });

  it('plans each step at the sum of the waits before it, and hits only the targets there are', () => {
    const steps = take(disruptionSchedule(99, { relays: 3, nodes: 1 }), 500);
    let atMs = 0;
    for (const [position, step] of steps.entries()) {
      atMs += step.waitMs;
      expect(step).toMatchObject({ index: position + 1, atMs });
      expect(step.waitMs).toBeGreaterThanOrEqual(150);
      expect(step.waitMs).toBeLessThan(350);
      const { disruption } = step;
      if (disruption.action === 'kick') expect(disruption.node).toBe(0);
      else expect(disruption.relay).toBeLessThan(3);
    }
    const actions = new Set(steps.map((step) => step.disruption.action));
    expect([...actions].sort()).toEqual(['drop', 'kick', 'pause']);
  });
});
