import type { OperationSnapshot } from '@opwire/protocol';

/** An operation is visible to whoever is in one of its audience rooms. */
export function isVisibleTo(
  snapshot: OperationSnapshot,
  memberRooms: ReadonlySet<string>,
): boolean {
  return snapshot.audience.some((room) => memberRooms.has(room));
}
