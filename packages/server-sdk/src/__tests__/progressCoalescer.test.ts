import { describe, expect, it } from 'vitest';
import { ProgressCoalescer, type ProgressUpdate } from '../operations/progressCoalescer.js';
import { manualTimers } from './support/manualTimers.js';

describe('ProgressCoalescer', () => {
  it('sends the first update at once and merges the rest until the interval ends', () => {
    const { timers, advance } = manualTimers();
    const sent: ProgressUpdate[] = [];
    const coalescer = new ProgressCoalescer(100, (update) => sent.push(update), timers);
    coalescer.push({ percent: 1, message: 'start' });
    expect(sent).toEqual([{ percent: 1, message: 'start' }]);
    coalescer.push({ percent: 2, details: { n: 2 } });
    coalescer.push({ percent: 3 });
    coalescer.push({ message: 'later' });
    expect(sent).toHaveLength(1);
    advance(99);
    expect(sent).toHaveLength(1);
    advance(1);
    expect(sent[1]).toEqual({ percent: 3, details: { n: 2 }, message: 'later' });
  });

  it('sends again at once after a quiet interval', () => {
    const { timers, advance } = manualTimers();
    const sent: ProgressUpdate[] = [];
    const coalescer = new ProgressCoalescer(100, (update) => sent.push(update), timers);
    coalescer.push({ percent: 1 });
    advance(500);
    coalescer.push({ percent: 2 });
    expect(sent).toEqual([{ percent: 1 }, { percent: 2 }]);
  });

  it('flush sends the pending update now and cancels the timer', () => {
    const { timers, pendingCount } = manualTimers();
    const sent: ProgressUpdate[] = [];
    const coalescer = new ProgressCoalescer(100, (update) => sent.push(update), timers);
    coalescer.push({ percent: 1 });
    coalescer.push({ percent: 2 });
    expect(pendingCount()).toBe(1);
    coalescer.flush();
    expect(sent).toEqual([{ percent: 1 }, { percent: 2 }]);
    expect(pendingCount()).toBe(0);
    coalescer.flush();
    expect(sent).toHaveLength(2);
  });

  it('keeps 100,000 updates in a tight loop to two sends with the final value', () => {
    const { timers, advance } = manualTimers();
    const sent: ProgressUpdate[] = [];
    const coalescer = new ProgressCoalescer(100, (update) => sent.push(update), timers);
    for (let i = 1; i <= 100_000; i += 1) coalescer.push({ percent: i / 1000 });
    advance(100);
    expect(sent).toEqual([{ percent: 0.001 }, { percent: 100 }]);
  });

  it('dispose drops what is pending', () => {
    const { timers, advance } = manualTimers();
    const sent: ProgressUpdate[] = [];
    const coalescer = new ProgressCoalescer(100, (update) => sent.push(update), timers);
    coalescer.push({ percent: 1 });
    coalescer.push({ percent: 2 });
    coalescer.dispose();
    advance(1_000);
    expect(sent).toEqual([{ percent: 1 }]);
  });
});
