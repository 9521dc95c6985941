import { describe, expect, it } from 'vitest';
import { ExpirySchedule } from '../socket/expirySchedule.js';
import { manualTimers } from './support/manualTimers.js';

const item = (name: string) => ({ name, expiryDue: null as number | null });

describe('ExpirySchedule', () => {
  it('hands every item back at or after its deadline, with one timer for all', () => {
    const { timers, advanceTo, pendingCount } = manualTimers(10_000);
    const due: string[] = [];
    const schedule = new ExpirySchedule<ReturnType<typeof item>>(timers, (i) => due.push(i.name));
    const [a, b, c, d] = [item('a'), item('b'), item('c'), item('d')];
    schedule.set(a, 12_000);
    schedule.set(b, 12_000);
    schedule.set(c, 11_050);
    schedule.set(d, 15_000);
    expect(pendingCount()).toBe(1);
    advanceTo(11_099);
    expect(due).toEqual([]);
    advanceTo(11_100);
    expect(due).toEqual(['c']);
    advanceTo(11_999);
    expect(due).toEqual(['c']);
    advanceTo(12_000);
    expect(due).toEqual(['c', 'a', 'b']);
    expect(schedule.size).toBe(1);
    expect(pendingCount()).toBe(1);
  });

  it('moves an item to its new deadline, and drops deleted items and idle timers', () => {
    const { timers, advanceTo, pendingCount } = manualTimers(0);
    const due: string[] = [];
    const schedule = new ExpirySchedule<ReturnType<typeof item>>(timers, (i) => due.push(i.name));
    const [a, b] = [item('a'), item('b')];
    schedule.set(a, 1_000);
    schedule.set(b, 2_000);
    schedule.set(a, 5_000);
    schedule.delete(b);
    advanceTo(4_000);
    expect(due).toEqual([]);
    advanceTo(5_000);
    expect(due).toEqual(['a']);
    expect(pendingCount()).toBe(0);
    schedule.set(a, 9_000);
    schedule.delete(a);
    expect(pendingCount()).toBe(0);
    expect(a.expiryDue).toBeNull();
    schedule.set(b, 9_000);
    schedule.set(b, null);
    expect(schedule.size).toBe(0);
    expect(pendingCount()).toBe(0);
  });

  it('hands back a deadline already past on its next turn, and clears everything on clear()', () => {
    const { timers, advanceTo, pendingCount } = manualTimers(5_000);
    const due: string[] = [];
    const schedule = new ExpirySchedule<ReturnType<typeof item>>(timers, (i) => due.push(i.name));
    schedule.set(item('late'), 4_000);
    schedule.set(item('later'), 60_000);
    advanceTo(5_000);
    expect(due).toEqual(['late']);
    schedule.clear();
    expect(pendingCount()).toBe(0);
    expect(schedule.size).toBe(0);
  });
});
