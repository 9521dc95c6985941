import { describe, expect, it } from 'vitest';
import { frameScheduler, type RenderScheduler } from '../renderScheduler.js';
import { createUpdateBatch } from '../updateBatch.js';

function manual() {
  const queued: Array<() => void> = [];
  const schedule: RenderScheduler = (flush) => {
    queued.push(flush);
  };
  return {
    schedule,
    queued,
    run: () => {
      for (const flush of queued.splice(0)) flush();
    },
  };
}

describe('createUpdateBatch', () => {
  it('schedules once per flush and calls each queued listener once', () => {
    const scheduler = manual();
    const batch = createUpdateBatch(scheduler.schedule);
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    batch.notify(a);
    batch.notify(b);
    batch.notify(a);
    expect(scheduler.queued).toHaveLength(1);
    scheduler.run();
    expect(calls).toEqual(['a', 'b']);
    batch.notify(a);
    expect(scheduler.queued).toHaveLength(1);
  });

  it('calls every listener when one throws, then rethrows the first error', () => {
    const scheduler = manual();
    const batch = createUpdateBatch(scheduler.schedule);
    const calls: string[] = [];
    batch.notify(() => {
      throw new Error('first');
    });
    batch.notify(() => calls.push('second'));
    expect(() => scheduler.run()).toThrow('first');
    expect(calls).toEqual(['second']);
    batch.notify(() => calls.push('again'));
    scheduler.run();
    expect(calls).toEqual(['second', 'again']);
  });
});

describe('frameScheduler', () => {
  it('runs the flush once, on the next animation frame', async () => {
    let runs = 0;
    await new Promise<void>((resolve) =>
      frameScheduler(() => {
        runs += 1;
        resolve();
      }),
    );
    expect(runs).toBe(1);
  });
});
