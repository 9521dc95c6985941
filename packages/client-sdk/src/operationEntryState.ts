import { isTerminalStatus } from '@opwire/protocol';

/**
 * Where the client stands with one operation it holds:
 * - `loading`: created, its first snapshot not in yet.
 * - `following`: running, changed by live events.
 * - `catchingUp`: a resume request for what it missed is on its way; no other is sent meanwhile.
 * - `ended`: it succeeded, failed or was cancelled.
 * - `missing`: the server does not know it (any more), or will not show it.
 * - `released`: the store let it go (ended or missing, and nobody listens); only handles keep it.
 */
export type EntryState = 'loading' | 'following' | 'catchingUp' | 'ended' | 'missing' | 'released';

/** Every change of state the store may make; anything else is a bug. */
export const ENTRY_TRANSITIONS: Readonly<Record<EntryState, readonly EntryState[]>> = {
  loading: ['following', 'ended', 'missing', 'catchingUp'],
  following: ['catchingUp', 'ended', 'missing'],
  catchingUp: ['loading', 'following', 'ended', 'missing', 'released'],
  // A server that lost its memory may run a new operation under the same id.
  ended: ['following', 'catchingUp', 'missing', 'released'],
  missing: ['following', 'ended', 'catchingUp', 'released'],
  released: [],
};

/** The part of an entry its state is kept in. */
export interface EntryStateHolder {
  readonly id: string;
  state: EntryState;
  /** Why the entry is in its state: the reason given with its last change. */
  stateReason: string;
}

/**
 * The one function that changes an entry's state; `reason` says why (shown
 * by `debug()`). A change the table does not allow throws, so a wrong path
 * shows up in the tests instead of as a silent race.
 */
export function setEntryState(entry: EntryStateHolder, next: EntryState, reason: string): void {
  if (entry.state === next) return;
  if (!ENTRY_TRANSITIONS[entry.state].includes(next)) {
    throw new Error(
      `opwire: operation ${entry.id} cannot go from ${entry.state} to ${next} (${reason})`,
    );
  }
  entry.state = next;
  entry.stateReason = reason;
}

/** The state an entry rests in once no request is on its way: from what it holds. */
export function restingState(entry: {
  snapshot: { status: Parameters<typeof isTerminalStatus>[0] } | null;
  error: unknown;
}): EntryState {
  if (entry.error !== null) return 'missing';
  if (entry.snapshot === null) return 'loading';
  return isTerminalStatus(entry.snapshot.status) ? 'ended' : 'following';
}

/**
 * Moves an entry to its resting state after its snapshot or error changed;
 * one with a request on its way stays `catchingUp` until the answer, and a
 * released one stays released.
 */
export function settleEntryState(
  entry: EntryStateHolder & Parameters<typeof restingState>[0],
  reason: string,
): void {
  if (entry.state === 'released' || entry.state === 'catchingUp') return;
  setEntryState(entry, restingState(entry), reason);
}
