import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OperationSnapshot } from '../operation.js';
import type { OperationEvent } from '../operationEvent.js';
import { applyOperationEvent } from '../reducer.js';
import { sequenceOperationEvents } from '../sequencer.js';
import { operationHistory, startedEvent } from './fixtures.js';

function fold(events: readonly OperationEvent[]): OperationSnapshot | null {
  let snapshot: OperationSnapshot | null = null;
  for (const event of events) snapshot = applyOperationEvent(snapshot, event).snapshot;
  return snapshot;
}

function progress(seq: number, payload: Record<string, unknown>): OperationEvent {
  return { operationId: 'op1', seq, ts: 1_000 + seq, topic: 'operation.progress', payload };
}

describe('applyOperationEvent', () => {
  it('starts a snapshot from operation.started', () => {
    const { snapshot, outcome } = applyOperationEvent(null, startedEvent());
    expect(outcome).toBe('applied');
    expect(snapshot).toMatchObject({
      id: 'op1',
      type: 'user-import',
      status: 'running',
      percent: 0,
      seq: 1,
      startedAt: 1_000,
      endedAt: null,
      tables: ['users'],
    });
  });

  it('reports a gap instead of applying an event that skips seq', () => {
    const started = fold([startedEvent()]) as OperationSnapshot;
    const result = applyOperationEvent(started, progress(3, { percent: 50 }));
    expect(result.outcome).toBe('gap');
    expect(result.snapshot).toBe(started);
    expect(applyOperationEvent(null, progress(2, {})).outcome).toBe('gap');
  });

  it('ignores duplicates and stale events', () => {
    const snapshot = fold([startedEvent(), progress(2, { percent: 40 })]) as OperationSnapshot;
    expect(applyOperationEvent(snapshot, progress(2, { percent: 90 })).outcome).toBe('stale');
    expect(applyOperationEvent(snapshot, progress(1, { percent: 90 })).outcome).toBe('stale');
    expect(snapshot.percent).toBe(40);
  });

  it('clamps percent and ignores values that are not finite', () => {
    let snapshot = fold([startedEvent(), progress(2, { percent: 250 })]) as OperationSnapshot;
    expect(snapshot.percent).toBe(100);
    snapshot = applyOperationEvent(snapshot, progress(3, { percent: -5 })).snapshot;
    expect(snapshot.percent).toBe(0);
    snapshot = applyOperationEvent(snapshot, progress(4, { percent: 30 })).snapshot;
    snapshot = applyOperationEvent(snapshot, progress(5, { percent: Number.NaN })).snapshot;
    expect(snapshot.percent).toBe(30);
  });

  it('clears the previous message when the stage changes without one', () => {
    const snapshot = fold([
      startedEvent(),
      progress(2, { stage: 'parsing', message: 'Reading file' }),
      progress(3, { stage: 'importing' }),
    ]) as OperationSnapshot;
    expect(snapshot.stage).toBe('importing');
    expect(snapshot.message).toBeNull();
  });

  it('moves a queued operation to running on its first progress', () => {
    const queued = startedEvent();
    if (queued.topic === 'operation.started') queued.payload.status = 'queued';
    const snapshot = fold([queued, progress(2, { message: 'picked up' })]) as OperationSnapshot;
    expect(snapshot.status).toBe('running');
  });

  it('keeps a terminal state final', () => {
    const done: OperationEvent = {
      operationId: 'op1',
      seq: 3,
      ts: 2_000,
      topic: 'operation.completed',
      payload: { result: { imported: 3 } },
    };
    const snapshot = fold([
      startedEvent(),
      progress(2, { percent: 10 }),
      done,
    ]) as OperationSnapshot;
    expect(snapshot).toMatchObject({
      status: 'succeeded',
      percent: 100,
      endedAt: 2_000,
      result: { imported: 3 },
    });
    const after = applyOperationEvent(snapshot, progress(4, { percent: 5 }));
    expect(after.outcome).toBe('after_terminal');
    expect(after.snapshot).toBe(snapshot);
  });

  it('refuses an event of another operation', () => {
    const snapshot = fold([startedEvent()]) as OperationSnapshot;
    const foreign = { ...progress(2, {}), operationId: 'op2' } as OperationEvent;
    expect(applyOperationEvent(snapshot, foreign).outcome).toBe('invalid');
  });

  it('never mutates its input', () => {
    const snapshot = fold([startedEvent()]) as OperationSnapshot;
    const frozen = structuredClone(snapshot);
    applyOperationEvent(snapshot, progress(2, { percent: 70, stage: 'x', details: { a: 1 } }));
    expect(snapshot).toEqual(frozen);
  });

  it('carries every field it does not change into the next snapshot', () => {
    const snapshot: OperationSnapshot = {
      id: 'op1',
      type: 'export',
      status: 'running',
      percent: 40,
      stage: 'rows',
      message: 'reading',
      details: { rows: 4 },
      result: null,
      error: null,
      title: 'Export',
      stages: ['rows', 'write'],
      audience: ['user:u1'],
      tables: ['exports'],
      estimatedDurationMs: 9_000,
      startedAt: 1_000,
      updatedAt: 1_004,
      endedAt: null,
      seq: 4,
      attempt: 2,
      attempts: 3,
      toastTitles: { success: 'Exported', failure: 'Export failed', cancelled: 'Export stopped' },
    };
    const next = applyOperationEvent(snapshot, progress(5, { percent: 50 })).snapshot;
    expect(next).toStrictEqual({ ...snapshot, seq: 5, updatedAt: 1_005, percent: 50 });
  });
});

describe('delivery in any order (property)', () => {
  it('a shuffled, duplicated delivery ends in the in-order snapshot', () => {
    fc.assert(
      fc.property(
        operationHistory.chain((events) =>
          fc.tuple(
            fc.constant(events),
            fc.shuffledSubarray([...events, ...events], { minLength: events.length * 2 }),
            fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 10 }),
          ),
        ),
        ([events, shuffled, extraDuplicates]) => {
          const delivery = [...shuffled];
          for (const index of extraDuplicates)
            delivery.splice(index, 0, events[index] as OperationEvent);
          const expected = fold(events);

          let snapshot: OperationSnapshot | null = null;
          let pending: OperationEvent[] = [];
          let lastSeq = 0;
          let appliedCount = 0;
          for (const event of delivery) {
            const result = sequenceOperationEvents(snapshot, [...pending, event]);
            snapshot = result.snapshot;
            pending = result.pending;
            appliedCount += result.applied.length;
            for (const applied of result.applied) {
              expect(applied.seq).toBe(lastSeq + 1);
              lastSeq = applied.seq;
            }
          }
          expect(pending).toEqual([]);
          expect(appliedCount).toBe(events.length);
          expect(snapshot).toEqual(expected);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('one batch with everything in it gives the same snapshot', () => {
    fc.assert(
      fc.property(
        operationHistory.chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
        ),
        ([events, shuffled]) => {
          const result = sequenceOperationEvents(null, shuffled);
          expect(result.pending).toEqual([]);
          expect(result.snapshot).toEqual(fold(events));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
