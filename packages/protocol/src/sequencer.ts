import type { OperationSnapshot } from './operation.js';
import type { OperationEvent } from './operationEvent.js';
import { applyOperationEvent } from './reducer.js';

/** What {@link sequenceOperationEvents} returns. */
export interface SequenceResult {
  /** The snapshot after every applied event; the one passed in when none applied. */
  snapshot: OperationSnapshot | null;
  /** Events applied, in order. */
  applied: OperationEvent[];
  /** Events still waiting for a missing predecessor, sorted by `seq`, each `seq` once. */
  pending: OperationEvent[];
  /** Events dropped because they were duplicates, stale or arrived after the end. */
  dropped: number;
}

/**
 * Applies a batch of events that may be out of order or duplicated (a replay
 * racing live events, say): sorts by `seq`, applies every event that follows
 * on, drops what is stale, and hands back what still waits for a gap to fill.
 * Feed the returned `pending` back in with the next batch.
 */
export function sequenceOperationEvents(
  snapshot: OperationSnapshot | null,
  events: readonly OperationEvent[],
): SequenceResult {
  const [only] = events;
  if (events.length === 1 && only !== undefined) return sequenceOne(snapshot, only);
  const bySeq = new Map<number, OperationEvent>();
  for (const event of events) if (!bySeq.has(event.seq)) bySeq.set(event.seq, event);
  const ordered = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  let dropped = events.length - ordered.length;
  let current = snapshot;
  const applied: OperationEvent[] = [];
  const pending: OperationEvent[] = [];
  for (const event of ordered) {
    const { snapshot: next, outcome } = applyOperationEvent(current, event);
    if (outcome === 'applied') {
      current = next;
      applied.push(event);
    } else if (outcome === 'gap') {
      pending.push(event);
    } else {
      dropped += 1;
    }
  }
  return { snapshot: current, applied, pending, dropped };
}

/** The common case, one live event: the same outcome without sorting or de-duplicating. */
function sequenceOne(snapshot: OperationSnapshot | null, event: OperationEvent): SequenceResult {
  const { snapshot: next, outcome } = applyOperationEvent(snapshot, event);
  if (outcome === 'applied') return { snapshot: next, applied: [event], pending: [], dropped: 0 };
  if (outcome === 'gap') return { snapshot, applied: [], pending: [event], dropped: 0 };
  return { snapshot, applied: [], pending: [], dropped: 1 };
}
