import { describe, expect, it } from 'vitest';
import { operationEventSchema } from '../operationEventSchemas.js';
import {
  isOperationFailureCode,
  OPERATION_FAILURE_CODES,
  OPERATION_FAILURE_MESSAGES,
} from '../operationFailure.js';
import { operationSnapshotSchema } from '../operationSchemas.js';
import { applyOperationEvent } from '../reducer.js';
import { startedEvent } from './fixtures.js';

const queued = () => {
  const event = startedEvent();
  return {
    ...event,
    payload: { ...event.payload, status: 'queued', attempts: 3 },
  } as typeof event;
};

describe('attempts of a queued operation', () => {
  it('starts at attempt 1 of the attempts allowed, and 1 of 1 when the server sends none', () => {
    expect(applyOperationEvent(null, queued()).snapshot).toMatchObject({
      status: 'queued',
      attempt: 1,
      attempts: 3,
    });
    expect(applyOperationEvent(null, startedEvent()).snapshot).toMatchObject({
      attempt: 1,
      attempts: 1,
    });
  });

  it('goes back to queued between attempts with the last error as message, and starts over', () => {
    let { snapshot } = applyOperationEvent(null, queued());
    const apply = (event: object) => {
      snapshot = applyOperationEvent(snapshot, operationEventSchema.parse(event)).snapshot;
    };
    const base = { operationId: 'op1', ts: 2_000 };
    apply({
      ...base,
      seq: 2,
      topic: 'operation.progress',
      payload: { status: 'running', attempt: 1 },
    });
    apply({
      ...base,
      seq: 3,
      topic: 'operation.progress',
      payload: { percent: 40, stage: 'parsing' },
    });
    expect(snapshot).toMatchObject({ status: 'running', attempt: 1, percent: 40 });
    apply({ ...base, seq: 4, topic: 'operation.requeued', payload: { message: 'Disk full' } });
    expect(snapshot).toMatchObject({
      status: 'queued',
      message: 'Disk full',
      percent: 0,
      stage: null,
      attempt: 1,
      error: null,
      endedAt: null,
    });
    apply({
      ...base,
      seq: 5,
      topic: 'operation.progress',
      payload: { status: 'running', attempt: 2 },
    });
    expect(snapshot).toMatchObject({ status: 'running', attempt: 2, attempts: 3, message: null });
  });

  it('reads a snapshot of a version 1 server, which has no attempts, as attempt 1 of 1', () => {
    const snapshot = applyOperationEvent(null, startedEvent()).snapshot;
    const {
      attempt: _attempt,
      attempts: _attempts,
      ...v1
    } = snapshot as NonNullable<typeof snapshot>;
    expect(operationSnapshotSchema.parse(v1)).toMatchObject({ attempt: 1, attempts: 1 });
  });

  it('refuses a requeued event with a message that is not a string', () => {
    const event = {
      operationId: 'op1',
      seq: 2,
      ts: 1,
      topic: 'operation.requeued',
      payload: { message: 42 },
    };
    expect(operationEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('operation failure codes', () => {
  it('are their own set, each with a sentence for people', () => {
    for (const code of OPERATION_FAILURE_CODES) {
      expect(isOperationFailureCode(code)).toBe(true);
      expect(OPERATION_FAILURE_MESSAGES[code]).toMatch(/\.$/);
    }
    expect(isOperationFailureCode('timeout')).toBe(false);
    expect(isOperationFailureCode('not_found')).toBe(false);
  });
});
