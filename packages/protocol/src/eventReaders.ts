// Zod-free reader of operation events, for the client's hot path; it accepts and returns
// exactly what `operationEventSchema` does (property tests hold the two together).
import {
  type Fields,
  isFields,
  isNullable,
  isNumber,
  isOneOf,
  isOptional,
  isPositiveInteger,
  isString,
  isStringArray,
  presentFields,
} from './checks.js';
import {
  OPERATION_TOPICS,
  type OperationEvent,
  type OperationStartedPayload,
  type OperationTopic,
} from './operationEvent.js';
import { readOperationError, readToastTitles } from './operationReaders.js';

type PayloadReader = (payload: Fields) => object | undefined;

const STARTED_KEYS = [
  'type',
  'status',
  'title',
  'stages',
  'audience',
  'tables',
  'estimatedDurationMs',
  'stage',
  'message',
  'attempts',
  'attempt',
] as const;

function readStartedPayload(p: Fields): OperationStartedPayload | undefined {
  const payload = presentFields<OperationStartedPayload>(p, STARTED_KEYS);
  if (p.toastTitles === undefined) return payload;
  const toastTitles = readToastTitles(p.toastTitles);
  return toastTitles && { ...payload, toastTitles };
}

const PAYLOAD_READERS: Record<OperationTopic, PayloadReader> = {
  [OPERATION_TOPICS.started]: (p) =>
    isString(p.type) &&
    isOneOf(['queued', 'running'], p.status) &&
    isNullable(isString, p.title) &&
    isNullable(isStringArray, p.stages) &&
    isStringArray(p.audience) &&
    isStringArray(p.tables) &&
    isNullable(isNumber, p.estimatedDurationMs) &&
    isNullable(isString, p.stage) &&
    isNullable(isString, p.message) &&
    isOptional(isPositiveInteger, p.attempts) &&
    isOptional(isPositiveInteger, p.attempt)
      ? readStartedPayload(p)
      : undefined,
  [OPERATION_TOPICS.progress]: (p) =>
    isOptional(isNumber, p.percent) &&
    isOptional(isString, p.stage) &&
    isOptional(isString, p.message) &&
    isOptional((v): v is 'running' => v === 'running', p.status) &&
    isOptional(isPositiveInteger, p.attempt)
      ? presentFields(p, ['percent', 'stage', 'message', 'details', 'status', 'attempt'])
      : undefined,
  [OPERATION_TOPICS.requeued]: (p) =>
    isOptional(isString, p.message) ? presentFields(p, ['message']) : undefined,
  [OPERATION_TOPICS.completed]: (p) =>
    isOptional(isString, p.message) ? presentFields(p, ['result', 'message']) : undefined,
  [OPERATION_TOPICS.failed]: (p) => {
    const error = readOperationError(p.error);
    return error === undefined ? undefined : { error };
  },
  [OPERATION_TOPICS.cancelled]: (p) =>
    isOptional(isString, p.reason) ? presentFields(p, ['reason']) : undefined,
};

/**
 * Reads an operation event from its fields (`operationId`, `seq`, `ts`, `topic`,
 * `payload`), or `undefined` when they do not make one.
 */
export function readOperationEvent(value: unknown): OperationEvent | undefined {
  if (!isFields(value)) return undefined;
  const { operationId, seq, ts, topic, payload } = value;
  if (!isString(operationId) || !isPositiveInteger(seq) || !isNumber(ts)) return undefined;
  if (!isString(topic) || !Object.hasOwn(PAYLOAD_READERS, topic) || !isFields(payload)) {
    return undefined;
  }
  const read = PAYLOAD_READERS[topic as OperationTopic](payload);
  if (read === undefined) return undefined;
  return { operationId, seq, ts, topic, payload: read } as OperationEvent;
}
