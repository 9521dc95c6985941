// Zod-free readers of the server's acknowledgements, for the client: each accepts and
// returns exactly what the matching schema in ackSchemas.ts does.
import type {
  AckError,
  CancelOperationAck,
  GetOperationAck,
  JoinAck,
  ListOperationsAck,
  ReauthenticateAck,
  ResumeAck,
  ResumeResult,
} from './acks.js';
import {
  isFields,
  isNullable,
  isNumber,
  isOneOf,
  isString,
  isStringArray,
  readArray,
} from './checks.js';
import { WIRE_ERROR_CODES } from './errorCodes.js';
import { readOperationEvent } from './eventReaders.js';
import { readSnapshot } from './operationReaders.js';
import type { RequestEventName } from './socketEvents.js';

/** A refused request's acknowledgement. */
export type FailedAck = {
  /** Always `false`. */
  ok: false;
  /** Why the server refused. */
  error: AckError;
};

/** Reads an {@link AckError}, or `undefined` when `value` is not one. */
export function readAckError(value: unknown): AckError | undefined {
  if (!isFields(value) || !isOneOf(WIRE_ERROR_CODES, value.code) || !isString(value.message)) {
    return undefined;
  }
  return { code: value.code, message: value.message };
}

/** Reads a refused request's acknowledgement, or `undefined` when `value` is not one. */
export function readFailedAck(value: unknown): FailedAck | undefined {
  if (!isFields(value) || value.ok !== false) return undefined;
  const error = readAckError(value.error);
  return error === undefined ? undefined : { ok: false, error };
}

type OkOf<TAck> = Extract<TAck, { ok: true }>;

/** The reader of each request's successful acknowledgement. */
export type AckReaders = {
  [E in RequestEventName]: (value: unknown) => OkOf<AckOfEvent[E]> | undefined;
};

type AckOfEvent = {
  'opwire:join': JoinAck;
  'opwire:leave': JoinAck;
  'opwire:resume': ResumeAck;
  'opwire:operation.get': GetOperationAck;
  'opwire:operation.list': ListOperationsAck;
  'opwire:operation.cancel': CancelOperationAck;
  'opwire:auth': ReauthenticateAck;
};

function readRoomAck(value: unknown): OkOf<JoinAck> | undefined {
  return isFields(value) && value.ok === true && isString(value.room)
    ? { ok: true, room: value.room }
    : undefined;
}

/** Reads one result of a resume, or `undefined` when it does not fit. */
export function readResumeResult(value: unknown): ResumeResult | undefined {
  if (!isFields(value) || !isString(value.id)) return undefined;
  const { id } = value;
  if (value.status === 'replayed') {
    const events = readArray(value.events, readOperationEvent);
    return events === undefined ? undefined : { id, status: 'replayed', events };
  }
  if (value.status === 'snapshot') {
    const snapshot = readSnapshot(value.snapshot);
    if (snapshot === undefined || !isOneOf(['epoch_changed', 'history_gone'], value.reason)) {
      return undefined;
    }
    return { id, status: 'snapshot', reason: value.reason, snapshot };
  }
  return value.status === 'not_found' ? { id, status: 'not_found' } : undefined;
}

/** The readers of every request's successful acknowledgement, by request event. */
export const ACK_READERS: AckReaders = {
  'opwire:join': readRoomAck,
  'opwire:leave': readRoomAck,
  'opwire:resume': (value) => {
    if (!isFields(value) || value.ok !== true || !isString(value.epoch)) return undefined;
    const results = readArray(value.results, readResumeResult);
    return results === undefined ? undefined : { ok: true, epoch: value.epoch, results };
  },
  'opwire:operation.get': (value) => {
    if (!isFields(value) || value.ok !== true || !isString(value.epoch)) return undefined;
    const snapshot = readSnapshot(value.snapshot);
    return snapshot === undefined ? undefined : { ok: true, epoch: value.epoch, snapshot };
  },
  'opwire:operation.list': (value) => {
    if (!isFields(value) || value.ok !== true || !isString(value.epoch)) return undefined;
    const operations = readArray(value.operations, readSnapshot);
    return operations === undefined ? undefined : { ok: true, epoch: value.epoch, operations };
  },
  'opwire:operation.cancel': (value) =>
    isFields(value) && value.ok === true && isString(value.id)
      ? { ok: true, id: value.id }
      : undefined,
  'opwire:auth': (value) =>
    isFields(value) &&
    value.ok === true &&
    isNullable(isNumber, value.expiresAt) &&
    isStringArray(value.rooms)
      ? { ok: true, expiresAt: value.expiresAt as number | null, rooms: value.rooms }
      : undefined,
};
