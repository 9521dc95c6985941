import type { OperationEvent, OperationSnapshot } from '@opwire/protocol';

/** How many released operations the client remembers the end of. */
export const MAX_REMEMBERED_ENDS = 2_000;

interface End {
  seq: number;
  updatedAt: number;
}

/**
 * Where operations the store already released ended. A copy of one of their
 * events that turns up late (a live event that raced a replay, a redelivery
 * after a reconnect) would otherwise re-create the entry and replay the whole
 * operation to subscribers a second time. Bounded: the oldest ends are
 * forgotten first.
 */
export interface EndedOperations {
  remember(snapshot: OperationSnapshot): void;
  forget(id: string): void;
  /** Whether the client already applied this event before the operation was released. */
  alreadyApplied(event: OperationEvent): boolean;
}

export function createEndedOperations(limit = MAX_REMEMBERED_ENDS): EndedOperations {
  const ends = new Map<string, End>();
  return {
    remember(snapshot) {
      ends.delete(snapshot.id);
      ends.set(snapshot.id, { seq: snapshot.seq, updatedAt: snapshot.updatedAt });
      if (ends.size > limit) {
        const oldest = ends.keys().next();
        if (oldest.done !== true) ends.delete(oldest.value);
      }
    },
    forget(id) {
      ends.delete(id);
    },
    alreadyApplied(event) {
      const end = ends.get(event.operationId);
      // A later run under the same id starts after the earlier one ended.
      return end !== undefined && event.seq <= end.seq && event.ts <= end.updatedAt;
    },
  };
}
