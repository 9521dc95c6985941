import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OperationSnapshot } from '../operation.js';
import type { OperationEvent } from '../operationEvent.js';
import { publicEvent, publicSnapshot } from '../publicProjection.js';
import { applyOperationEvent } from '../reducer.js';
import { operationHistory, startedEvent } from './fixtures.js';

function fold(events: readonly OperationEvent[]): OperationSnapshot | null {
  let snapshot: OperationSnapshot | null = null;
  for (const event of events) snapshot = applyOperationEvent(snapshot, event).snapshot;
  return snapshot;
}

const audiences = fc.array(fc.constantFrom('user:alice', 'user:bob', 'tenant:t1'), {
  maxLength: 3,
});

function withAudience(events: OperationEvent[], audience: string[]): OperationEvent[] {
  const [first, ...rest] = events;
  if (first?.topic !== 'operation.started') return events;
  return [{ ...first, payload: { ...first.payload, audience } }, ...rest];
}

describe('the public projection', () => {
  it('names no audience room in an event or a snapshot', () => {
    const started = startedEvent();
    const event = publicEvent({
      ...started,
      payload: { ...(started.payload as object), audience: ['user:alice', 'user:bob'] },
    } as OperationEvent);
    expect(event.topic === 'operation.started' && event.payload.audience).toEqual([]);
    const snapshot = fold([started]) as OperationSnapshot;
    expect(publicSnapshot(snapshot).audience).toEqual([]);
    expect(publicSnapshot(snapshot)).toEqual({ ...snapshot, audience: [] });
  });

  it('keeps every other field, and never changes what it is given', () => {
    const started = startedEvent();
    const copy = structuredClone(started);
    const projected = publicEvent(started);
    expect(started).toEqual(copy);
    expect({ ...projected, payload: { ...projected.payload, audience: ['user:u1'] } }).toEqual(
      started,
    );
  });

  it('reducing public events gives the public snapshot (property)', () => {
    fc.assert(
      fc.property(operationHistory, audiences, (history, audience) => {
        const events = withAudience(history, audience);
        const full = fold(events) as OperationSnapshot;
        expect(full.audience).toEqual(audience);
        expect(fold(events.map(publicEvent))).toEqual(publicSnapshot(full));
      }),
      { numRuns: 300 },
    );
  });
});
