import type { Principal } from '@opwire/protocol';
import { policyError } from '../rooms/policyError.js';
import { principalRooms } from '../rooms/principalRooms.js';
import type { ServerContext } from '../serverContext.js';
import type { Caller } from './requestCore.js';

/**
 * An HTTP caller holds its built-in rooms (user, tenant, tenant roles,
 * platform) plus the rooms it names that the room policies let it join, as a
 * socket holds the rooms it joined. Which operation is asked for plays no
 * part, so a missing and an invisible id cost the same policy calls.
 */
export async function httpCaller(
  context: Pick<ServerContext, 'policies' | 'platformRole' | 'runtime'>,
  principal: Principal,
  namedRooms: readonly string[],
): Promise<Caller> {
  const rooms = new Set(principalRooms(principal, context.platformRole));
  const asked = new Set<string>();
  for (const room of namedRooms) {
    if (rooms.has(room) || asked.has(room)) continue;
    asked.add(room);
    const decision = await context.policies.decide(principal, room, (error, where) =>
      context.runtime.events.emit('error', policyError(error, where)),
    );
    if (decision.allowed) rooms.add(room);
  }
  return { principal, rooms };
}
