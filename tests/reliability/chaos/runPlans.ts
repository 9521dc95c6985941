import type { OperationsApi } from '@opwire/server';
import type { OperationPlan } from './plan.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(operations: OperationsApi, plan: OperationPlan) {
  await pause(plan.startAtMs);
  const op = operations.start('chaos', { id: plan.id, audience: plan.audience });
  op.started.then(
    () => process.send?.({ type: 'begun', id: plan.id }),
    () => {},
  );
  for (const step of plan.steps) {
    await pause(plan.stepDelayMs);
    if ('stage' in step) op.stage(step.stage);
    else op.progress(step.percent, step.message);
  }
  if (plan.terminal === 'complete') op.complete({ id: plan.id });
  else if (plan.terminal === 'fail') op.fail(new Error(`planned failure of ${plan.id}`));
  else op.cancel('planned cancel');
  const final = await op.done;
  process.send?.({ type: 'done', id: plan.id, snapshot: final });
}

/** Runs planned operations in this process and reports each start and end (or failure) to the test. */
export function runPlans(operations: OperationsApi, plans: readonly OperationPlan[]): void {
  for (const plan of plans) {
    run(operations, plan).catch((error: unknown) =>
      process.send?.({ type: 'failed', id: plan.id, message: String(error) }),
    );
  }
}
