import fc from 'fast-check';
import type { OperationEvent } from '../operationEvent.js';

export function startedEvent(operationId = 'op1', ts = 1_000): OperationEvent {
  return {
    operationId,
    seq: 1,
    ts,
    topic: 'operation.started',
    payload: {
      type: 'user-import',
      status: 'running',
      title: 'User import',
      stages: ['parsing', 'importing'],
      audience: ['user:u1'],
      tables: ['users'],
      estimatedDurationMs: null,
      stage: null,
      message: null,
    },
  };
}

type Step = OperationEvent extends infer E
  ? E extends { payload: infer P; topic: infer T }
    ? { topic: T; payload: P }
    : never
  : never;

const progressStep = fc
  .record(
    {
      percent: fc.oneof(
        fc.double({ min: -50, max: 150, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
      ),
      stage: fc.constantFrom('parsing', 'validating', 'importing'),
      message: fc.string({ maxLength: 8 }),
      details: fc.record({ processed: fc.nat() }),
    },
    { requiredKeys: [] },
  )
  .map((payload): Step => ({ topic: 'operation.progress', payload }));

const terminalStep = fc.oneof(
  fc
    .record({ imported: fc.nat() })
    .map((result): Step => ({ topic: 'operation.completed', payload: { result } })),
  fc.string({ maxLength: 8 }).map(
    (message): Step => ({
      topic: 'operation.failed',
      payload: { error: { message, code: 'E' } },
    }),
  ),
  fc.constant<Step>({ topic: 'operation.cancelled', payload: { reason: 'user asked' } }),
);

/** A valid, in-order event history of one operation: started, progress…, maybe a terminal event. */
export const operationHistory = fc
  .tuple(fc.array(progressStep, { maxLength: 30 }), fc.option(terminalStep, { nil: undefined }))
  .map(([progress, terminal]) => {
    const steps = terminal ? [...progress, terminal] : progress;
    const events: OperationEvent[] = [startedEvent()];
    steps.forEach((step, index) => {
      events.push({
        operationId: 'op1',
        seq: index + 2,
        ts: 1_000 + index + 1,
        ...step,
      } as OperationEvent);
    });
    return events;
  });
