// Zod-free readers of what the server sends about operations, for the client's hot path.
// Each accepts and returns exactly what its schema in operationSchemas.ts does; property
// tests in __tests__/wireReaders.test.ts hold the two together.
import {
  type Fields,
  isFields,
  isInteger,
  isNullable,
  isNumber,
  isOneOf,
  isOptional,
  isPositiveInteger,
  isString,
  isStringArray,
  presentFields,
  readArray,
} from './checks.js';
import { OPERATION_STATUSES, type OperationError, type OperationSnapshot } from './operation.js';
import type { OperationToastTitles } from './operationToasts.js';

/** Reads an {@link OperationError}, or `undefined` when `value` is not one. */
export function readOperationError(value: unknown): OperationError | undefined {
  if (!isFields(value) || !isString(value.message) || !isOptional(isString, value.code)) {
    return undefined;
  }
  return value.code === undefined
    ? { message: value.message }
    : { message: value.message, code: value.code as string };
}

const TOAST_TITLE_KEYS = ['success', 'failure', 'cancelled'] as const;

/** Reads {@link OperationToastTitles}, or `undefined` when `value` is not one. */
export function readToastTitles(value: unknown): OperationToastTitles | undefined {
  return isFields(value) && TOAST_TITLE_KEYS.every((key) => isOptional(isString, value[key]))
    ? presentFields<OperationToastTitles>(value, TOAST_TITLE_KEYS)
    : undefined;
}

/**
 * Reads a snapshot as `operationSnapshotSchema` does (a missing `details`, `result` or
 * `toastTitles` reads as `null`, a missing `attempt` or `attempts` as `1`), or `undefined` when it does not fit.
 */
export function readSnapshot(value: unknown): OperationSnapshot | undefined {
  if (!isFields(value) || !hasSnapshotFields(value)) return undefined;
  const error = value.error === null ? null : readOperationError(value.error);
  if (error === undefined) return undefined;
  const toastTitles = value.toastTitles == null ? null : readToastTitles(value.toastTitles);
  if (toastTitles === undefined) return undefined;
  return {
    id: value.id as string,
    type: value.type as string,
    status: value.status as OperationSnapshot['status'],
    percent: value.percent as number,
    stage: value.stage as string | null,
    message: value.message as string | null,
    details: value.details ?? null,
    result: value.result ?? null,
    error,
    title: value.title as string | null,
    stages: value.stages as string[] | null,
    audience: value.audience as string[],
    tables: value.tables as string[],
    toastTitles,
    estimatedDurationMs: value.estimatedDurationMs as number | null,
    startedAt: value.startedAt as number,
    updatedAt: value.updatedAt as number,
    endedAt: value.endedAt as number | null,
    seq: value.seq as number,
    attempt: (value.attempt as number | undefined) ?? 1,
    attempts: (value.attempts as number | undefined) ?? 1,
  };
}

function hasSnapshotFields(value: Fields): boolean {
  return (
    isString(value.id) &&
    isString(value.type) &&
    isOneOf(OPERATION_STATUSES, value.status) &&
    isNumber(value.percent) &&
    isNullable(isString, value.stage) &&
    isNullable(isString, value.message) &&
    isNullable(isString, value.title) &&
    isNullable(isStringArray, value.stages) &&
    isStringArray(value.audience) &&
    isStringArray(value.tables) &&
    isNullable(isNumber, value.estimatedDurationMs) &&
    isNumber(value.startedAt) &&
    isNumber(value.updatedAt) &&
    isNullable(isNumber, value.endedAt) &&
    isInteger(value.seq) &&
    isOptional(isPositiveInteger, value.attempt) &&
    isOptional(isPositiveInteger, value.attempts)
  );
}

/** Reads a list of snapshots, or `undefined` when `value` is not one. */
export function readSnapshots(value: unknown): OperationSnapshot[] | undefined {
  return readArray(value, readSnapshot);
}
