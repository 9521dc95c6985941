import type { OperationSnapshot } from '@opwire/protocol';

/** A snapshot together with the store epoch its `seq` counts in. */
export interface VersionedSnapshot {
  snapshot: OperationSnapshot | null;
  epoch: string | null;
}

/**
 * Whether a snapshot from the server should replace what the client holds.
 *
 * A higher `seq` wins, so a late answer (a fetch or resume that raced live
 * events, a poll) can never move progress backwards. That holds across an
 * epoch change too: a store that lost its data gets a running operation back
 * from the process running it, with its `seq` carrying on. Only a different
 * run under the same id (another `startedAt`) replaces whatever it finds.
 */
export function shouldReplaceSnapshot(
  current: VersionedSnapshot,
  incoming: { snapshot: OperationSnapshot; epoch: string },
): boolean {
  if (current.snapshot === null) return true;
  const newEpoch = current.epoch !== null && current.epoch !== incoming.epoch;
  if (newEpoch && incoming.snapshot.startedAt !== current.snapshot.startedAt) return true;
  return newEpoch
    ? incoming.snapshot.seq >= current.snapshot.seq
    : incoming.snapshot.seq > current.snapshot.seq;
}
