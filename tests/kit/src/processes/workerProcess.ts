// A worker in its own process: no socket server, reports through createOpwireEmitter.
// Env: REDIS_URL or REDIS_CLUSTER; LEASE_MS, RENEW_MS, SWEEP_MS and GRACE_MS set its lifecycle options.
import { createOpwireEmitter } from '@opwire/server/redis';
import { lifecycleFromEnv } from '../lifecycleEnv.js';
import { redisFromEnv } from '../redisFromEnv.js';

const redis = redisFromEnv();
const emitter = await createOpwireEmitter({
  redis,
  progressIntervalMs: 0,
  lifecycle: lifecycleFromEnv(),
});
emitter.events.on('error', (error) => process.send?.({ type: 'error', message: error.message }));

/** Each operation waits for a `step` command per progress report, so tests decide the timing. */
const credits = new Map<string, number>();
const waiting = new Map<string, () => void>();
const nextStep = (id: string) =>
  new Promise<void>((resolve) => {
    const available = credits.get(id) ?? 0;
    if (available > 0) {
      credits.set(id, available - 1);
      resolve();
    } else waiting.set(id, resolve);
  });

process.on(
  'message',
  async (message: {
    type: string;
    id?: string;
    audience?: Record<string, string>;
    steps?: number;
    timeoutMs?: number;
    graceMs?: number;
  }) => {
    if (message.type === 'track' && message.id) {
      const id = message.id;
      const { done, started } = emitter.operation.track(
        'worker-job',
        async (op) => {
          process.send?.({ type: 'ran', id });
          op.signal.addEventListener('abort', () =>
            process.send?.({ type: 'aborted', id, reason: String(op.signal.reason) }),
          );
          for (let step = 1; step <= (message.steps ?? 3); step += 1) {
            await nextStep(id);
            if (op.signal.aborted) throw new Error('aborted');
            op.progress(step * 10, `step ${step}`);
            process.send?.({ type: 'progressed', id, step });
          }
          return { steps: message.steps ?? 3 };
        },
        {
          id,
          audience: message.audience ?? {},
          ...(message.timeoutMs ? { timeoutMs: message.timeoutMs } : {}),
        },
      );
      process.send?.({ type: 'tracking', id });
      started.then(
        (role) => process.send?.({ type: 'role', id, role }),
        (error: { code?: string }) => process.send?.({ type: 'role', id, role: error.code }),
      );
      try {
        const final = await done;
        process.send?.({
          type: 'done',
          id,
          status: final.status,
          seq: final.seq,
          code: final.error?.code,
        });
      } catch (error) {
        process.send?.({
          type: 'done',
          id,
          status: 'rejected',
          code: (error as { code?: string }).code,
        });
      }
    }
    if (message.type === 'close') {
      await emitter.close(message.graceMs === undefined ? {} : { graceMs: message.graceMs });
      process.send?.({ type: 'closed' });
    }
    if (message.type === 'step' && message.id) {
      const resolve = waiting.get(message.id);
      waiting.delete(message.id);
      if (resolve) resolve();
      else credits.set(message.id, (credits.get(message.id) ?? 0) + 1);
    }
    if (message.type === 'burst') {
      for (let i = 0; i < (message.steps ?? 100); i += 1) {
        emitter.to({ tenant: 'acme' }).emit('worker.burst', { i });
        if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      process.send?.({ type: 'bursted' });
    }
    if (message.type === 'emit') {
      emitter.to({ tenant: 'acme' }).emit('worker.hello', { from: 'worker' });
      process.send?.({ type: 'emitted' });
    }
  },
);
process.send?.({ type: 'ready' });
