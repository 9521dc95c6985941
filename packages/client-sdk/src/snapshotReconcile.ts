import type { OperationSnapshot } from '@opwire/protocol';

/** A snapshot together with the store epoch its `seq` counts in. */
export interface VersionedSnapshot {
  snapshot: OperationSnapshot | null;
  epoch: string | null;
}

/**
 * Whether a snapshot from the server should replace what the client holds.
 *
 * Within one epoch a higher `seq` wins, so a late answer (a fetch that raced
 * live events, a poll, a resume) can never move progress backwards. Across
 * epochs the `seq` numbers do not compare: the server lost its history and
 * rebuilt it, so its snapshot is the truth.
 */
export function shouldReplaceSnapshot(
  current: VersionedSnapshot,
  incoming: { snapshot: OperationSnapshot; epoch: string },
): boolean {
  if (current.snapshot === null) return true;
  if (current.epoch !== null && current.epoch !== incoming.epoch) return true;
  return incoming.snapshot.seq > current.snapshot.seq;
}
