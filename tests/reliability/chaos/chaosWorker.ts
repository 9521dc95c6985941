// Runs planned operations in its own process, reporting through Redis like a real worker.
// LEASE_MS, RENEW_MS and SWEEP_MS set its lifecycle options.

import { createOpwireEmitter } from '@opwire/server/redis';
import { lifecycleFromEnv } from '@opwire/test-kit/lifecycleEnv';
import { redisFromEnv } from '@opwire/test-kit/redisFromEnv';
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
