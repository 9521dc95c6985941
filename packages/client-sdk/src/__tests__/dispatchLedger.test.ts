import { describe, expect, it } from 'vitest';
import { createDispatchLedger } from '../dispatchLedger.js';
import { operationEvents } from './support/events.js';
import { snapshotAfter } from './support/storeSetup.js';

const seqs = (events: readonly { seq: number }[]) => events.map((event) => event.seq);

describe('dispatch ledger', () => {
  it('hands out each event of a run once, whatever order and copies it is offered in', () => {
    const ledger = createDispatchLedger();
    const op = operationEvents('a');
    const events = [op.started(), op.progress(10), op.progress(20), op.completed()];
    expect(seqs(ledger.take(snapshotAfter(events.slice(0, 2)), events.slice(0, 2)).events)).toEqual(
      [1, 2],
    );
    expect(seqs(ledger.take(snapshotAfter(events), events).events)).toEqual([3, 4]);
    const again = ledger.take(snapshotAfter(events), events);
    expect(again).toEqual({ events: [], isNews: false });
  });

  it('counts events a snapshot skipped as seen, so a later replay of them is not news', () => {
    const ledger = createDispatchLedger();
    const op = operationEvents('a');
    const events = [op.started(), op.progress(10), op.progress(20), op.progress(30)];
    expect(ledger.take(snapshotAfter(events.slice(0, 3)), [])).toEqual({
      events: [],
      isNews: true,
    });
    expect(seqs(ledger.take(snapshotAfter(events), events).events)).toEqual([4]);
  });

  it('tells runs apart: a new run under the same id starts from nothing', () => {
    const ledger = createDispatchLedger();
    const first = operationEvents('a', 1_000);
    const firstRun = [first.started(), first.completed()];
    ledger.take(snapshotAfter(firstRun), firstRun);
    const second = operationEvents('a', 90_000);
    const secondRun = [second.started(), second.progress(5)];
    expect(seqs(ledger.take(snapshotAfter(secondRun), secondRun).events)).toEqual([1, 2]);
  });

  it('keeps what it dispatched of a released run, and knows a late copy of its events', () => {
    const ledger = createDispatchLedger();
    const op = operationEvents('a');
    const events = [op.started(), op.progress(50), op.completed()];
    ledger.take(snapshotAfter(events), events);
    ledger.release('a');
    expect(events.every((event) => ledger.isLateCopy(event))).toBe(true);
    expect(ledger.isBeforeSeenEnd(snapshotAfter(events.slice(0, 2)))).toBe(true);
    expect(ledger.isBeforeSeenEnd(snapshotAfter(events))).toBe(false);
    ledger.hold('a');
    expect(ledger.take(snapshotAfter(events), events)).toEqual({ events: [], isNews: false });
    const rerun = operationEvents('a', 90_000).started();
    expect(ledger.isLateCopy(rerun)).toBe(false);
  });

  it('forgets the oldest released runs past its bound, and never a held one', () => {
    const ledger = createDispatchLedger(2);
    const runs = ['a', 'b', 'c', 'd'].map((id) => {
      const op = operationEvents(id);
      const events = [op.started(), op.completed()];
      ledger.take(snapshotAfter(events), events);
      return events;
    });
    for (const id of ['a', 'b', 'c']) ledger.release(id);
    const [a, b, c, d] = runs.map((events) => events[1]);
    if (!a || !b || !c || !d) throw new Error('events');
    expect([a, b, c].map((event) => ledger.isLateCopy(event))).toEqual([false, true, true]);
    // Held runs are never forgotten and are not late copies: the store still has their entry.
    expect(ledger.isLateCopy(d)).toBe(false);
    const [dStart, dEnd] = runs[3] ?? [];
    if (!dStart || !dEnd) throw new Error('events');
    expect(ledger.take(snapshotAfter([dStart, dEnd]), [dStart, dEnd]).events).toEqual([]);
  });
});
