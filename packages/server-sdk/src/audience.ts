import {
  isValidRoom,
  OpwireError,
  PLATFORM_ROOM,
  parseRoom,
  roomProblem,
  tenantRoleRoom,
  tenantRoom,
  userRoom,
} from '@opwire/protocol';

/**
 * Who receives something. Every field adds rooms; give at least one.
 *
 * @example { user: 'u1' }                        // one user
 * @example { tenant: 'acme', roles: ['admin'] }   // the admins of a tenant
 * @example { rooms: ['chat:42'] }                 // a custom room
 */
export interface Audience {
  /** A user id, or several. */
  user?: string | readonly string[];
  /** A tenant id: every member of the tenant, unless `roles` narrows it. */
  tenant?: string;
  /** With `tenant`: only members holding one of these roles. */
  roles?: readonly string[];
  /** Any room names, built-in or custom. */
  rooms?: readonly string[];
  /** Holders of the platform role. */
  platform?: boolean;
}

/** An audience, or `'all'` for every connected socket of every tenant. */
export type Target = Audience | 'all';

/** The room names an audience stands for. Throws `invalid_option` for an empty or malformed one. */
export function audienceRooms(audience: Audience): string[] {
  const rooms = new Set<string>();
  const users =
    audience.user === undefined
      ? []
      : typeof audience.user === 'string'
        ? [audience.user]
        : audience.user;
  for (const user of users) rooms.add(wrap(() => userRoom(user)));
  if (audience.roles !== undefined && audience.tenant === undefined) {
    throw new OpwireError('invalid_option', 'An audience with `roles` needs a `tenant` too.');
  }
  if (audience.tenant !== undefined) {
    const tenant = audience.tenant;
    if (audience.roles === undefined) rooms.add(wrap(() => tenantRoom(tenant)));
    else for (const role of audience.roles) rooms.add(wrap(() => tenantRoleRoom(tenant, role)));
  }
  for (const room of audience.rooms ?? []) {
    if (!isValidRoom(room) || parseRoom(room) === null) {
      throw new OpwireError(
        'invalid_option',
        `Invalid audience room "${room}": ${roomProblem(room) ?? 'malformed built-in room'}`,
      );
    }
    rooms.add(room);
  }
  if (audience.platform === true) rooms.add(PLATFORM_ROOM);
  if (rooms.size === 0) {
    throw new OpwireError(
      'invalid_option',
      'The audience is empty: give at least one of user, tenant, rooms or platform, e.g. { user: req.user.id }.',
    );
  }
  return [...rooms];
}

function wrap(build: () => string): string {
  try {
    return build();
  } catch (error) {
    throw new OpwireError('invalid_option', `Invalid audience: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
