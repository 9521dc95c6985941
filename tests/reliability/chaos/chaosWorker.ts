// Runs planned operations in its own process, reporting through Redis like a real worker.
// LEASE_MS, RENEW_MS and SWEEP_MS set its lifecycle options.
import { lifecycleFromEnv } from '../../../packages/server-sdk/src/__tests__/support/lifecycleEnv.js';
import { redisFromEnv } from '../../../packages/server-sdk/src/__tests__/support/redisFromEnv.js';
import { createOpwireEmitter } from '../../../packages/server-sdk/src/redis/createOpwireEmitter.js';
import type { OperationPlan } from './plan.js';
import { runPlans } from './runPlans.js';

const redis = redisFromEnv();
const emitter = await createOpwireEmitter({
  redis,
  progressIntervalMs: 0,
  lifecycle: lifecycleFromEnv(),
});
process.on('message', (message: { type: string; plans?: OperationPlan[] }) => {
  if (message.type === 'run') {
    runPlans(emitter.operation, message.plans ?? []);
  }
});
process.send?.({ type: 'ready' });
