// The compact wire form of an operation event (protocol version 2), sent on `opwire:op`.
//
//   progress:      [1, operationId, seq, ts, percent, stage, message, details, status, attempt]
//                  absent fields are null, trailing nulls are dropped
//   anything else: [kind, operationId, seq, ts, payload]
//
// A progress event whose `details` is itself null cannot use the positional form and goes
// as [PROGRESS_OBJECT_KIND, operationId, seq, ts, payload]. Decoders ignore elements past the
// ones they know, so a later version may append fields.
import { isNumber, isPositiveInteger, isString } from './checks.js';
import { readOperationEvent } from './eventReaders.js';
import {
  OPERATION_TOPICS,
  type OperationEvent,
  type OperationProgressPayload,
  type OperationTopic,
} from './operationEvent.js';

/** An operation event as it travels on `opwire:op`: an array, see {@link encodeOperationEvent}. */
export type OperationFrame = readonly unknown[];

/** The topic of each frame kind: the kind is the topic's index. */
export const FRAME_TOPICS: readonly OperationTopic[] = [
  OPERATION_TOPICS.started,
  OPERATION_TOPICS.progress,
  OPERATION_TOPICS.completed,
  OPERATION_TOPICS.failed,
  OPERATION_TOPICS.cancelled,
  OPERATION_TOPICS.requeued,
];

const PROGRESS_KIND = 1;
const PROGRESS_OBJECT_KIND = FRAME_TOPICS.length;
const PROGRESS_FIELDS = ['percent', 'stage', 'message', 'details', 'status', 'attempt'] as const;

/** Encodes `event` as the frame a server of version 2 sends on `opwire:op`. */
export function encodeOperationEvent(event: OperationEvent): OperationFrame {
  const head = [FRAME_TOPICS.indexOf(event.topic), event.operationId, event.seq, event.ts];
  if (event.topic !== OPERATION_TOPICS.progress) return [...head, event.payload];
  const payload: OperationProgressPayload = event.payload;
  if (payload.details === null) return [PROGRESS_OBJECT_KIND, ...head.slice(1), payload];
  const fields = PROGRESS_FIELDS.map((key) => payload[key] ?? null);
  while (fields.length > 0 && fields[fields.length - 1] === null) fields.pop();
  return [...head, ...fields];
}

/**
 * Decodes a frame received on `opwire:op`, checking it as `operationEventSchema` checks an
 * event; `undefined` when it is not a valid operation event.
 */
export function decodeOperationFrame(frame: unknown): OperationEvent | undefined {
  if (!Array.isArray(frame)) return undefined;
  const [kind, operationId, seq, ts] = frame;
  const topic = kind === PROGRESS_OBJECT_KIND ? OPERATION_TOPICS.progress : FRAME_TOPICS[kind];
  if (topic === undefined || typeof kind !== 'number') return undefined;
  if (kind === PROGRESS_KIND) return readProgressFrame(frame);
  return readOperationEvent({ operationId, seq, ts, topic, payload: frame[4] });
}

/** Checks of the positional progress fields, in {@link PROGRESS_FIELDS} order. */
const PROGRESS_CHECKS: readonly ((value: unknown) => boolean)[] = [
  isNumber,
  isString,
  isString,
  () => true,
  (value) => value === 'running',
  isPositiveInteger,
];

/**
 * The positional progress frame, read in one pass: every event of a running operation takes
 * this path. It checks each field as the event reader does (the frame tests hold the two
 * together) and builds the payload once, in the reader's key order.
 */
function readProgressFrame(frame: readonly unknown[]): OperationEvent | undefined {
  const [, operationId, seq, ts] = frame;
  if (!isString(operationId) || !isPositiveInteger(seq) || !isNumber(ts)) return undefined;
  const payload: Record<string, unknown> = {};
  for (let index = 0; index < PROGRESS_FIELDS.length; index += 1) {
    const value = frame[4 + index];
    if (value === null || value === undefined) continue;
    if (!PROGRESS_CHECKS[index]?.(value)) return undefined;
    payload[PROGRESS_FIELDS[index] as string] = value;
  }
  return { operationId, seq, ts, topic: OPERATION_TOPICS.progress, payload };
}
