import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOperationEvent } from '../eventReaders.js';
import type { OperationEvent } from '../operationEvent.js';
import { decodeOperationFrame, encodeOperationEvent, FRAME_TOPICS } from '../operationFrame.js';
import { operationHistory, startedEvent } from './fixtures.js';

/** What Socket.IO's JSON encoding makes of a frame: `undefined` in an array becomes `null`. */
function overTheWire(frame: readonly unknown[]): unknown {
  return JSON.parse(JSON.stringify(frame));
}

const progressPayload = fc.record(
  {
    percent: fc.double({ min: 0, max: 100, noNaN: true }),
    stage: fc.string({ maxLength: 8 }),
    message: fc.string({ maxLength: 8 }),
    details: fc.oneof(fc.constant(null), fc.record({ processed: fc.nat() }), fc.string()),
    status: fc.constant('running' as const),
    attempt: fc.integer({ min: 1, max: 5 }),
  },
  { requiredKeys: [] },
);

const progressEvent = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 10 }),
    fc.integer({ min: 2, max: 1e6 }),
    progressPayload,
  )
  .map(
    ([operationId, seq, payload]): OperationEvent => ({
      operationId,
      seq,
      ts: 1_700_000_000_000 + seq,
      topic: 'operation.progress',
      payload,
    }),
  );

describe('operation frames', () => {
  it('round-trip every event of a history through JSON', () => {
    fc.assert(
      fc.property(operationHistory, (events) => {
        for (const event of events) {
          expect(decodeOperationFrame(overTheWire(encodeOperationEvent(event)))).toEqual(
            readOperationEvent(JSON.parse(JSON.stringify(event))),
          );
        }
      }),
    );
  });

  it('round-trip progress events with any subset of fields, null details included', () => {
    fc.assert(
      fc.property(progressEvent, (event) => {
        expect(decodeOperationFrame(overTheWire(encodeOperationEvent(event)))).toEqual(event);
      }),
    );
  });

  it('ignore fields a later version appends', () => {
    fc.assert(
      fc.property(progressEvent, fc.array(fc.jsonValue(), { maxLength: 3 }), (event, extra) => {
        const frame = [...encodeOperationEvent(event)];
        // Pad to the full positional form first, so the extra fields land past the known ones.
        while (frame.length < 10) frame.push(null);
        expect(decodeOperationFrame(overTheWire([...frame, ...extra]))).toEqual(event);
      }),
    );
    const started = startedEvent();
    expect(decodeOperationFrame([...encodeOperationEvent(started), { later: true }])).toEqual(
      started,
    );
  });

  it('refuse what is not a valid event, exactly as the event reader does', () => {
    const junk = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    const frames = fc.oneof(
      junk,
      fc.tuple(fc.integer({ min: -1, max: FRAME_TOPICS.length + 1 }), junk, junk, junk, junk),
      fc.tuple(fc.constant(1), fc.string(), fc.nat(), fc.nat(), junk, junk, junk),
    );
    fc.assert(
      fc.property(frames, (frame) => {
        const decoded = decodeOperationFrame(frame);
        if (decoded !== undefined) expect(readOperationEvent(decoded)).toEqual(decoded);
      }),
    );
    expect(decodeOperationFrame(['1', 'op', 2, 3, 50])).toBeUndefined();
    expect(decodeOperationFrame([1.5, 'op', 2, 3, 50])).toBeUndefined();
    expect(decodeOperationFrame([1, 'op', 0, 3, 50])).toBeUndefined();
    expect(decodeOperationFrame([1, 'op', 2, 3, '50'])).toBeUndefined();
    expect(decodeOperationFrame([3, 'op', 2, 3, { error: 'no' }])).toBeUndefined();
    expect(decodeOperationFrame({ 0: 1 })).toBeUndefined();
  });

  it('read positional progress exactly as the event reader reads the same fields', () => {
    // The reading the one-pass progress decoder must agree with: gather the fields, then the
    // event reader checks them.
    const FIELDS = ['percent', 'stage', 'message', 'details', 'status', 'attempt'];
    const viaReader = (frame: readonly unknown[]) => {
      const payload: Record<string, unknown> = {};
      FIELDS.forEach((key, index) => {
        const value = frame[4 + index];
        if (value !== null && value !== undefined) payload[key] = value;
      });
      const [, operationId, seq, ts] = frame;
      return readOperationEvent({ operationId, seq, ts, topic: 'operation.progress', payload });
    };
    const field = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.constant('running'),
      fc.double({ min: -10, max: 110 }),
      fc.integer({ min: -2, max: 5 }),
      fc.string({ maxLength: 4 }),
      fc.jsonValue(),
    );
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 4 }), fc.integer()),
        fc.oneof(fc.integer({ min: -1, max: 9 }), fc.double(), fc.string()),
        fc.oneof(fc.nat(), fc.double(), fc.constant(null)),
        fc.array(field, { maxLength: 7 }),
        (operationId, seq, ts, fields) => {
          const frame = [1, operationId, seq, ts, ...fields];
          const expected = viaReader(frame);
          if (expected === undefined) refused += 1;
          else accepted += 1;
          expect(decodeOperationFrame(frame)).toEqual(expected);
        },
      ),
      { numRuns: 2_000 },
    );
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it('are smaller than the envelope of the same event', () => {
    const event: OperationEvent = {
      operationId: '6f1c0b7e-3a51-4bb0-9c1e-1d2a3b4c5d6e',
      seq: 12,
      ts: 1_764_633_600_000,
      topic: 'operation.progress',
      payload: { percent: 42, stage: 'importing', message: 'Imported 4,200 of 10,000 rows' },
    };
    const frame = JSON.stringify(['opwire:op', encodeOperationEvent(event)]);
    const envelope = JSON.stringify([
      'opwire:message',
      {
        v: 1,
        topic: event.topic,
        payload: event.payload,
        ts: event.ts,
        operationId: event.operationId,
        seq: event.seq,
      },
    ]);
    expect(frame.length).toBeLessThan(envelope.length);
  });
});
