import { pick } from './random.js';

export const USERS = Array.from({ length: 10 }, (_, i) => `u${i}`);
export const tenantOf = (user: string) => `t${Number(user.slice(1)) % 3}`;

export type Step = { stage: string } | { percent: number; message: string };

export interface OperationPlan {
  id: string;
  audience: { user: string } | { tenant: string };
  steps: Step[];
  terminal: 'complete' | 'fail' | 'cancel';
  stepDelayMs: number;
  startAtMs: number;
}

/** Random operations whose progress only moves forward, so any step back seen by a client is a bug. */
export function planOperations(
  random: () => number,
  count: number,
  spreadMs: number,
): OperationPlan[] {
  return Array.from({ length: count }, (_, index) => {
    const user = pick(random, USERS);
    const steps: Step[] = [];
    let percent = 0;
    const length = 5 + Math.floor(random() * 25);
    for (let step = 0; step < length; step += 1) {
      if (random() < 0.15)
        steps.push({ stage: pick(random, ['parsing', 'validating', 'importing', 'finalizing']) });
      else {
        percent = Math.min(99, percent + Math.floor(random() * 8));
        steps.push({ percent, message: `step ${step}` });
      }
    }
    return {
      id: `chaos-${index}`,
      audience: random() < 0.5 ? { user } : { tenant: tenantOf(user) },
      steps,
      terminal: pick(random, ['complete', 'complete', 'complete', 'fail', 'cancel'] as const),
      stepDelayMs: 5 + Math.floor(random() * 30),
      startAtMs: Math.floor(random() * spreadMs),
    };
  });
}

export function canSee(plan: OperationPlan, user: string): boolean {
  return 'user' in plan.audience
    ? plan.audience.user === user
    : plan.audience.tenant === tenantOf(user);
}

/**
 * Operations for a worker that is killed while they run: they start at once and would run for
 * longer than the test lasts, so each one must be ended by another process (`owner_lost`).
 */
export function planDoomedOperations(random: () => number, count: number): OperationPlan[] {
  return Array.from({ length: count }, (_, index) => {
    const user = pick(random, USERS);
    const steps: Step[] = Array.from({ length: 600 }, (_, step) => ({
      percent: Math.min(99, Math.floor(step / 6)),
      message: `step ${step}`,
    }));
    return {
      id: `doomed-${index}`,
      audience: random() < 0.5 ? { user } : { tenant: tenantOf(user) },
      steps,
      terminal: 'complete',
      stepDelayMs: 200,
      startAtMs: Math.floor(random() * 300),
    };
  });
}
