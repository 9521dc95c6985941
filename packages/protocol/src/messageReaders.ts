// Zod-free readers of the server's other messages (envelope, toast, table refresh, hello),
// for the client; each accepts and returns exactly what its schema does.
import {
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
  type Envelope,
  TABLE_ACTIONS,
  type TableRefreshPayload,
  TOAST_TYPES,
  type ToastPayload,
} from './envelope.js';
import type { Hello } from './hello.js';
import type { Principal } from './principal.js';
import { isReadableProtocolVersion } from './version.js';

/** Reads an `opwire:message` envelope, or `undefined` when it does not fit the protocol. */
export function readEnvelope(value: unknown): Envelope | undefined {
  if (
    !isFields(value) ||
    !isReadableProtocolVersion(value.v) ||
    !isString(value.topic) ||
    !isNumber(value.ts) ||
    !isOptional(isString, value.operationId) ||
    !isOptional(isPositiveInteger, value.seq)
  ) {
    return undefined;
  }
  return presentFields<Envelope>(value, ['v', 'topic', 'payload', 'ts', 'operationId', 'seq']);
}

/** Reads a toast's payload, or `undefined` when it is not one. */
export function readToast(value: unknown): ToastPayload | undefined {
  if (
    !isFields(value) ||
    !isString(value.title) ||
    !isOneOf(TOAST_TYPES, value.type) ||
    !isOptional(isString, value.id) ||
    !isOptional(isString, value.message) ||
    !isOptional((v): v is number => isNumber(v) && v >= 0, value.durationMs) ||
    !isOptional(isString, value.operationId)
  ) {
    return undefined;
  }
  return presentFields<ToastPayload>(value, [
    'id',
    'title',
    'message',
    'type',
    'durationMs',
    'operationId',
  ]);
}

/** Reads a table refresh's payload, or `undefined` when it is not one. */
export function readTableRefresh(value: unknown): TableRefreshPayload | undefined {
  if (
    !isFields(value) ||
    !isStringArray(value.tables) ||
    value.tables.length === 0 ||
    !isOptional((v): v is string => isOneOf(TABLE_ACTIONS, v), value.action) ||
    !isOptional(isIdArray, value.ids) ||
    !isOptional(isString, value.operationId)
  ) {
    return undefined;
  }
  return presentFields<TableRefreshPayload>(value, ['tables', 'action', 'ids', 'operationId']);
}

/** Reads a {@link Principal}, or `undefined` when `value` is not one. */
export function readPrincipal(value: unknown): Principal | undefined {
  if (
    !isFields(value) ||
    !isString(value.userId) ||
    !isOptional(isString, value.tenantId) ||
    !isStringArray(value.roles)
  ) {
    return undefined;
  }
  return presentFields<Principal>(value, ['userId', 'tenantId', 'roles']);
}

/** Reads the server's `opwire:hello`, or `undefined` when it does not fit the protocol. */
export function readHello(value: unknown): Hello | undefined {
  if (
    !isFields(value) ||
    !isReadableProtocolVersion(value.v) ||
    !isString(value.epoch) ||
    !isStringArray(value.rooms) ||
    !isNullable(isNumber, value.expiresAt) ||
    !isNumber(value.serverTime)
  ) {
    return undefined;
  }
  const principal = value.principal === null ? null : readPrincipal(value.principal);
  if (principal === undefined) return undefined;
  return {
    v: value.v,
    epoch: value.epoch,
    principal,
    rooms: value.rooms,
    expiresAt: value.expiresAt as number | null,
    serverTime: value.serverTime,
  };
}

function isIdArray(value: unknown): value is (string | number)[] {
  return Array.isArray(value) && value.every((id) => isString(id) || isNumber(id));
}
