import { idProblem, isValidId } from './ids.js';
import { OpwireError } from './opwireError.js';

/** Longest room name accepted. */
export const MAX_ROOM_LENGTH = 512;

/** Room of every holder of the configured platform role. */
export const PLATFORM_ROOM = 'platform';

/** A built-in room, as {@link parseRoom} reads it, with the ids its name carries. */
export type BuiltInRoom =
  | {
      /** `user:{userId}`: that user. */
      kind: 'user';
      /** The user's id. */
      userId: string;
    }
  | {
      /** `tenant:{tenantId}`: members of that tenant. */
      kind: 'tenant';
      /** The tenant's id. */
      tenantId: string;
    }
  | {
      /** `tenant:{tenantId}:role:{role}`: members of that tenant holding that role. */
      kind: 'tenantRole';
      /** The tenant's id. */
      tenantId: string;
      /** The role. */
      role: string;
    }
  | {
      /** `platform`: holders of the server's platform role. */
      kind: 'platform';
    }
  | {
      /** `operation:{operationId}`: principals in that operation's audience. */
      kind: 'operation';
      /** The operation's id. */
      operationId: string;
    };

/** What {@link parseRoom} reads from a well-formed room name: a built-in room or a custom one. */
export type ParsedRoom =
  | BuiltInRoom
  | {
      /** Any other well-formed name, such as `chat:42`, decided by the server's room policies. */
      kind: 'custom';
      /** The room name as given. */
      name: string;
    };

/** The room of one user, `user:{userId}`. Throws `invalid_request` for an invalid id. */
export function userRoom(userId: string): string {
  return `user:${checkedId(userId, 'user id')}`;
}

/**
 * The room of a tenant's members, `tenant:{tenantId}`. Throws `invalid_request` for an invalid id.
 */
export function tenantRoom(tenantId: string): string {
  return `tenant:${checkedId(tenantId, 'tenant id')}`;
}

/**
 * The room of a tenant's members holding `role`, `tenant:{tenantId}:role:{role}`.
 * Throws `invalid_request` for an invalid id or role.
 */
export function tenantRoleRoom(tenantId: string, role: string): string {
  return `tenant:${checkedId(tenantId, 'tenant id')}:role:${checkedId(role, 'role')}`;
}

/**
 * The room of one operation, `operation:{operationId}`, open to principals in
 * its audience. Throws `invalid_request` for an invalid id.
 */
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

/** Whether `room` is a valid room name (see {@link roomProblem}). */
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
