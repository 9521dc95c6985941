import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACK_READERS, readFailedAck, readResumeResult } from '../ackReaders.js';
import {
  cancelOperationAckSchema,
  failedAckSchema,
  getOperationAckSchema,
  joinAckSchema,
  listOperationsAckSchema,
  reauthenticateAckSchema,
  resumeAckSchema,
  resumeResultSchema,
} from '../ackSchemas.js';
import { TABLE_ACTIONS, TOAST_TYPES } from '../envelope.js';
import {
  envelopeSchema,
  tableRefreshPayloadSchema,
  toastPayloadSchema,
} from '../envelopeSchemas.js';
import { WIRE_ERROR_CODES } from '../errorCodes.js';
import { readOperationEvent } from '../eventReaders.js';
import { helloSchema } from '../helloSchemas.js';
import { readEnvelope, readHello, readTableRefresh, readToast } from '../messageReaders.js';
import { OPERATION_STATUSES } from '../operation.js';
import { OPERATION_TOPICS } from '../operationEvent.js';
import { operationEventSchema } from '../operationEventSchemas.js';
import { readSnapshot } from '../operationReaders.js';
import { operationSnapshotSchema } from '../operationSchemas.js';
import { PROTOCOL_VERSION } from '../version.js';

// Every reader must accept exactly what its zod schema accepts and return what the schema
// returns. Each arbitrary below builds values whose fields are usually right and sometimes
// anything at all (wrong type, missing, extra keys), so both halves are exercised.

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.object({ maxDepth: 1, maxKeys: 2 }),
);

function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: junk, weight: 1 });
}

function shape(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const keys = Object.keys(fields);
  const withFields = fc.record(
    Object.fromEntries(Object.entries(fields).map(([key, arb]) => [key, field(arb)])),
  );
  const changed = fc
    .tuple(
      withFields,
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 12 },
        { arbitrary: fc.constantFrom(...keys), weight: 1 },
      ),
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 3 },
        { arbitrary: fc.string({ maxLength: 3 }), weight: 1 },
      ),
    )
    .map(([value, missing, extra]) => {
      const copy: Record<string, unknown> = { ...value };
      if (missing !== undefined) delete copy[missing];
      if (extra !== undefined) copy[`x${extra}`] = 1;
      return copy;
    });
  return fc.oneof({ arbitrary: changed, weight: 20 }, { arbitrary: junk, weight: 1 });
}

const text = fc.string({ maxLength: 6 });
const texts = fc.array(text, { maxLength: 3 });
const finite = fc.oneof(
  { arbitrary: fc.integer(), weight: 12 },
  { arbitrary: fc.double(), weight: 1 },
);
const positiveInt = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 12 },
  { arbitrary: fc.integer({ min: -1, max: 0 }), weight: 1 },
  { arbitrary: fc.double({ min: 0, max: 3 }), weight: 1 },
);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const operationError = shape({ message: text, code: optional(text) });
const toastTitles = shape({
  success: optional(text),
  failure: optional(text),
  cancelled: optional(text),
});

const snapshot = shape({
  id: text,
  type: text,
  status: fc.constantFrom(...OPERATION_STATUSES, 'paused'),
  percent: finite,
  stage: nullable(text),
  message: nullable(text),
  details: fc.anything({ maxDepth: 1 }),
  result: fc.anything({ maxDepth: 1 }),
  error: nullable(operationError),
  title: nullable(text),
  stages: nullable(texts),
  audience: texts,
  tables: texts,
  toastTitles: optional(nullable(toastTitles)),
  estimatedDurationMs: nullable(finite),
  startedAt: finite,
  updatedAt: finite,
  endedAt: nullable(finite),
  seq: fc.oneof({ arbitrary: fc.integer(), weight: 12 }, { arbitrary: fc.double(), weight: 1 }),
  attempt: optional(positiveInt),
  attempts: optional(positiveInt),
});

const payloads: Record<string, fc.Arbitrary<unknown>> = {
  [OPERATION_TOPICS.started]: shape({
    type: text,
    status: fc.constantFrom('queued', 'running', 'succeeded'),
    title: nullable(text),
    stages: nullable(texts),
    audience: texts,
    tables: texts,
    toastTitles: optional(toastTitles),
    estimatedDurationMs: nullable(finite),
    stage: nullable(text),
    message: nullable(text),
    attempts: optional(positiveInt),
    attempt: optional(positiveInt),
  }),
  [OPERATION_TOPICS.progress]: shape({
    percent: optional(finite),
    stage: optional(text),
    message: optional(text),
    details: fc.anything({ maxDepth: 1 }),
    status: optional(fc.constantFrom('running', 'queued')),
    attempt: optional(positiveInt),
  }),
  [OPERATION_TOPICS.requeued]: shape({ message: optional(text) }),
  [OPERATION_TOPICS.completed]: shape({
    result: fc.anything({ maxDepth: 1 }),
    message: optional(text),
  }),
  [OPERATION_TOPICS.failed]: shape({ error: operationError }),
  [OPERATION_TOPICS.cancelled]: shape({ reason: optional(text) }),
};

const event = fc.constantFrom(...Object.keys(payloads), 'operation.paused').chain((topic) =>
  shape({
    operationId: text,
    seq: positiveInt,
    ts: finite,
    topic: fc.constant(topic),
    payload: payloads[topic] ?? junk,
  }),
);

const principal = shape({ userId: text, tenantId: optional(text), roles: texts });
const ackError = shape({
  code: fc.constantFrom(...WIRE_ERROR_CODES, 'teapot'),
  message: text,
});
const okFlag = fc.constantFrom(true, true, true, false);

const resumeResult = fc.oneof(
  shape({ id: text, status: fc.constant('replayed'), events: fc.array(event, { maxLength: 2 }) }),
  shape({
    id: text,
    status: fc.constant('snapshot'),
    reason: fc.constantFrom('epoch_changed', 'history_gone', 'other'),
    snapshot,
  }),
  shape({ id: text, status: fc.constantFrom('not_found', 'gone') }),
);

type Schema = { safeParse(value: unknown): { success: boolean; data?: unknown } };

function agree(
  arbitrary: fc.Arbitrary<unknown>,
  schema: Schema,
  read: (value: unknown) => unknown,
): void {
  let accepted = 0;
  let refused = 0;
  fc.assert(
    fc.property(arbitrary, (value) => {
      const parsed = schema.safeParse(value);
      const readValue = read(value);
      if (parsed.success) accepted += 1;
      else refused += 1;
      expect(readValue).toEqual(parsed.success ? parsed.data : undefined);
    }),
    { numRuns: 600 },
  );
  // Both halves must have been exercised, or the property proves little.
  expect(accepted).toBeGreaterThan(10);
  expect(refused).toBeGreaterThan(10);
}

describe('zod-free readers agree with the schemas', () => {
  it('snapshots', () => agree(snapshot, operationSnapshotSchema, readSnapshot));

  it('operation events', () => agree(event, operationEventSchema, readOperationEvent));

  it('envelopes', () => {
    const envelope = shape({
      v: fc.constantFrom(1, PROTOCOL_VERSION, 0, '1'),
      topic: text,
      payload: fc.anything({ maxDepth: 1 }),
      ts: finite,
      operationId: optional(text),
      seq: optional(positiveInt),
    });
    agree(envelope, envelopeSchema, readEnvelope);
  });

  it('toasts', () => {
    const toast = shape({
      id: optional(text),
      title: text,
      message: optional(text),
      type: fc.constantFrom(...TOAST_TYPES, 'fatal'),
      durationMs: optional(fc.integer({ min: -5, max: 5000 })),
      operationId: optional(text),
    });
    agree(toast, toastPayloadSchema, readToast);
  });

  it('table refreshes', () => {
    const refresh = shape({
      tables: fc.array(text, { maxLength: 2 }),
      action: optional(fc.constantFrom(...TABLE_ACTIONS, 'merge')),
      ids: optional(fc.array(fc.oneof(text, finite, fc.boolean()), { maxLength: 2 })),
      operationId: optional(text),
    });
    agree(refresh, tableRefreshPayloadSchema, readTableRefresh);
  });

  it('hellos', () => {
    const hello = shape({
      v: fc.constantFrom(1, PROTOCOL_VERSION, 0),
      epoch: text,
      principal: nullable(principal),
      rooms: texts,
      expiresAt: nullable(finite),
      serverTime: finite,
    });
    agree(hello, helloSchema, readHello);
  });

  it('refused acknowledgements', () => {
    agree(shape({ ok: okFlag, error: ackError }), failedAckSchema, readFailedAck);
  });

  it('resume results', () => agree(resumeResult, resumeResultSchema, readResumeResult));

  it('every successful acknowledgement', () => {
    agree(shape({ ok: okFlag, room: text }), joinAckSchema, ACK_READERS['opwire:join']);
    agree(
      shape({ ok: okFlag, epoch: text, results: fc.array(resumeResult, { maxLength: 2 }) }),
      resumeAckSchema,
      ACK_READERS['opwire:resume'],
    );
    agree(
      shape({ ok: okFlag, epoch: text, snapshot }),
      getOperationAckSchema,
      ACK_READERS['opwire:operation.get'],
    );
    agree(
      shape({ ok: okFlag, epoch: text, operations: fc.array(snapshot, { maxLength: 2 }) }),
      listOperationsAckSchema,
      ACK_READERS['opwire:operation.list'],
    );
    agree(
      shape({ ok: okFlag, id: text }),
      cancelOperationAckSchema,
      ACK_READERS['opwire:operation.cancel'],
    );
    agree(
      shape({ ok: okFlag, expiresAt: nullable(finite), rooms: texts }),
      reauthenticateAckSchema,
      ACK_READERS['opwire:auth'],
    );
  });
});
