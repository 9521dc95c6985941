import type { TableRefreshPayload } from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import { type CoalescerTimers, createRefreshCoalescer } from '../observers/refreshCoalescer.js';

/** Timers the test fires by hand. */
function manualTimers() {
  const timers = new Map<number, () => void>();
  let next = 0;
  const api: CoalescerTimers = {
    set(callback) {
      next += 1;
      timers.set(next, callback);
      return next;
    },
    clear(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    api,
    get count() {
      return timers.size;
    },
    fire() {
      const due = [...timers.values()];
      timers.clear();
      for (const callback of due) callback();
    },
  };
}

const payload = (id: string): TableRefreshPayload => ({ tables: ['users'], ids: [id] });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createRefreshCoalescer', () => {
  it('runs once per wait, with every refresh that arrived', () => {
    const timers = manualTimers();
    const calls: string[][] = [];
    const coalescer = createRefreshCoalescer({
      waitMs: 100,
      refetch: (refreshes) => {
        calls.push(refreshes.flatMap((refresh) => (refresh.ids ?? []).map(String)));
      },
      onError: () => {},
      timers: timers.api,
    });
    coalescer.push(payload('a'));
    coalescer.push(payload('b'));
    expect(timers.count).toBe(1);
    timers.fire();
    expect(calls).toEqual([['a', 'b']]);
  });

  it('waits for a pending refetch, then runs once more for what arrived meanwhile', async () => {
    const timers = manualTimers();
    const calls: string[][] = [];
    let finish: () => void = () => {};
    const coalescer = createRefreshCoalescer({
      waitMs: 100,
      refetch: (refreshes) => {
        calls.push(refreshes.flatMap((refresh) => (refresh.ids ?? []).map(String)));
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
      onError: () => {},
      timers: timers.api,
    });
    coalescer.push(payload('a'));
    timers.fire();
    coalescer.push(payload('b'));
    coalescer.push(payload('c'));
    expect(timers.count).toBe(0);
    finish();
    await settle();
    expect(timers.count).toBe(1);
    timers.fire();
    expect(calls).toEqual([['a'], ['b', 'c']]);
  });

  it('reports a throwing or rejecting refetch and keeps going', async () => {
    const timers = manualTimers();
    const errors: unknown[] = [];
    let attempt = 0;
    const coalescer = createRefreshCoalescer({
      waitMs: 10,
      refetch: () => {
        attempt += 1;
        if (attempt === 1) throw new Error('sync');
        return Promise.reject(new Error('async'));
      },
      onError: (error) => errors.push((error as Error).message),
      timers: timers.api,
    });
    coalescer.push(payload('a'));
    timers.fire();
    await settle();
    coalescer.push(payload('b'));
    timers.fire();
    await settle();
    expect(errors).toEqual(['sync', 'async']);
  });

  it('does nothing after stop', () => {
    const timers = manualTimers();
    let calls = 0;
    const coalescer = createRefreshCoalescer({
      waitMs: 10,
      refetch: () => {
        calls += 1;
      },
      onError: () => {},
      timers: timers.api,
    });
    coalescer.push(payload('a'));
    coalescer.stop();
    expect(timers.count).toBe(0);
    coalescer.push(payload('b'));
    timers.fire();
    expect(calls).toBe(0);
  });
});
