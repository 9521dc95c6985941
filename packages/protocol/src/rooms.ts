import { idProblem, isValidId } from './ids.js';
import { OpwireError } from './opwireError.js';

/** Longest room name accepted. */
export const MAX_ROOM_LENGTH = 512;

/** Room of every holder of the configured platform role. */
export const PLATFORM_ROOM = 'platform';

export type BuiltInRoom =
  | { kind: 'user'; userId: string }
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'tenantRole'; tenantId: string; role: string }
  | { kind: 'platform' }
  | { kind: 'operation'; operationId: string };

export type ParsedRoom = BuiltInRoom | { kind: 'custom'; name: string };

export function userRoom(userId: string): string {
  return `user:${checkedId(userId, 'user id')}`;
}

export function tenantRoom(tenantId: string): string {
  return `tenant:${checkedId(tenantId, 'tenant id')}`;
}

export function tenantRoleRoom(tenantId: string, role: string): string {
  return `tenant:${checkedId(tenantId, 'tenant id')}:role:${checkedId(role, 'role')}`;
}

export function operationRoom(operationId: string): string {
  return `operation:${checkedId(operationId, 'operation id')}`;
}

/** Why `room` is not a valid room name, or `null` when it is. */
export function roomProblem(room: unknown): string | null {
  if (typeof room !== 'string') return 'expected a string';
  if (room.length === 0) return 'it is empty';
  if (room.length > MAX_ROOM_LENGTH) return `it is longer than ${MAX_ROOM_LENGTH} characters`;
  for (const part of room.split(':')) {
    const problem = idProblem(part);
    if (problem !== null) return `"${room}" has an invalid part: ${problem}`;
  }
  return null;
}

export function isValidRoom(room: unknown): room is string {
  return roomProblem(room) === null;
}

/**
 * Reads a room name. Built-in shapes come back with their ids; anything else
 * that is well-formed is `custom` (decided by the server's room policies).
 * Returns `null` for a malformed name.
 */
export function parseRoom(room: string): ParsedRoom | null {
  if (!isValidRoom(room)) return null;
  const parts = room.split(':');
  const [head, first, second, third] = parts;
  if (parts.length === 1 && head === PLATFORM_ROOM) return { kind: 'platform' };
  if (parts.length === 2 && first !== undefined) {
    if (head === 'user') return { kind: 'user', userId: first };
    if (head === 'tenant') return { kind: 'tenant', tenantId: first };
    if (head === 'operation') return { kind: 'operation', operationId: first };
  }
  if (
    parts.length === 4 &&
    head === 'tenant' &&
    second === 'role' &&
    first !== undefined &&
    third !== undefined
  ) {
    return { kind: 'tenantRole', tenantId: first, role: third };
  }
  if (head === 'user' || head === 'tenant' || head === 'operation' || head === PLATFORM_ROOM) {
    return null;
  }
  return { kind: 'custom', name: room };
}

function checkedId(value: string, what: string): string {
  if (isValidId(value)) return value;
  throw new OpwireError('invalid_request', `Invalid ${what}: ${idProblem(value)}`);
}
