// Runs planned operations in its own process, reporting through Redis like a real worker.
import { Redis } from 'ioredis';
import { createOpwireEmitter } from '../../../packages/server-sdk/src/redis/createOpwireEmitter.js';
import type { OperationPlan } from './plan.js';
import { runPlans } from './runPlans.js';

const redis = new Redis(process.env.REDIS_URL as string);
redis.on('error', () => {});
const emitter = await createOpwireEmitter({ redis, progressIntervalMs: 0 });
process.on('message', (message: { type: string; plans?: OperationPlan[] }) => {
  if (message.type === 'run') {
    runPlans(emitter.operation, message.plans ?? []);
  }
});
process.send?.({ type: 'ready' });
