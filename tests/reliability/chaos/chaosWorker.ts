// Runs planned operations in its own process, reporting through Redis like a real worker.
import { Redis } from 'ioredis';
import { createOpwireEmitter } from '../../../packages/server-sdk/src/redis/createOpwireEmitter.js';
import type { OperationPlan } from './plan.js';

const redis = new Redis(process.env.REDIS_URL as string);
redis.on('error', () => {});
const emitter = await createOpwireEmitter({ redis, progressIntervalMs: 0 });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(plan: OperationPlan) {
  await pause(plan.startAtMs);
  const op = emitter.operation.start('chaos', { id: plan.id, audience: plan.audience });
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

process.on('message', (message: { type: string; plans?: OperationPlan[] }) => {
  if (message.type === 'run') {
    for (const plan of message.plans ?? []) {
      run(plan).catch((error: unknown) =>
        process.send?.({ type: 'failed', id: plan.id, message: String(error) }),
      );
    }
  }
});
process.send?.({ type: 'ready' });
