import {
  PLATFORM_ROOM,
  type Principal,
  tenantRoleRoom,
  tenantRoom,
  userRoom,
} from '@opwire/protocol';

/**
 * The built-in rooms a principal belongs to: its user, its tenant, one room per
 * role within that tenant, and `platform` when it holds the platform role.
 */
export function principalRooms(principal: Principal, platformRole: string): string[] {
  const rooms = [userRoom(principal.userId)];
  if (principal.tenantId !== undefined) {
    rooms.push(tenantRoom(principal.tenantId));
    for (const role of principal.roles) rooms.push(tenantRoleRoom(principal.tenantId, role));
  }
  if (principal.roles.includes(platformRole)) rooms.push(PLATFORM_ROOM);
  return rooms;
}
