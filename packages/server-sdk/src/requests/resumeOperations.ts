import {
  type OperationSnapshot,
  publicEvent,
  publicSnapshot,
  type ResumeRequest,
  type ResumeResult,
} from '@opwire/protocol';
import type { RequestFunction } from './requestCore.js';
import { visibleOperation } from './visibleOperation.js';

/** A resume answer, and how many bytes of events and snapshots it carries. */
export interface ResumeOutcome {
  epoch: string;
  results: ResumeResult[];
  /** Bytes of JSON of the events and snapshots in `results`, for the rate limiter. */
  bytes: number;
}

type Position = ResumeRequest['operations'][number];

/**
 * For each operation the client follows, the events it missed, or a snapshot
 * when they cannot be replayed. An id named twice is answered once. One answer
 * replays at most `limits.maxResumeEvents` events and `limits.maxResumeBytes`
 * bytes of them; an operation past that budget gets its snapshot, flagged
 * `history_gone`, which the client applies the same way. Events and snapshots
 * go out in their public form.
 */
export const resumeOperations: RequestFunction<ResumeRequest, ResumeOutcome> = async (
  context,
  caller,
  { operations },
) => {
  const { store, stats } = context.runtime;
  const epoch = await store.epoch();
  const epochOf = (whole: string, id: string) => store.epochOf?.(whole, id) ?? whole;
  const budget = { events: context.limits.maxResumeEvents, bytes: context.limits.maxResumeBytes };
  const results: ResumeResult[] = [];
  let bytes = 0;
  const snapshotOf = (
    id: string,
    reason: 'epoch_changed' | 'history_gone',
    stored: OperationSnapshot,
  ) => {
    const snapshot = publicSnapshot(stored);
    const size = jsonBytes(snapshot);
    bytes += size;
    budget.bytes -= size;
    stats.snapshotted += 1;
    results.push({ id, status: 'snapshot', reason, snapshot });
  };

  for (const wanted of distinct(operations)) {
    const { id } = wanted;
    const snapshot = await visibleOperation(context, caller, id);
    if (snapshot === null) {
      results.push({ id, status: 'not_found' });
      continue;
    }
    if (epochOf(wanted.epoch, id) !== epochOf(epoch, id) || wanted.seq > snapshot.seq) {
      snapshotOf(id, 'epoch_changed', snapshot);
      continue;
    }
    if (wanted.seq === snapshot.seq) {
      stats.replayed += 1;
      results.push({ id, status: 'replayed', events: [] });
      continue;
    }
    // Too many events to fit: skip reading them at all.
    if (snapshot.seq - wanted.seq > budget.events) {
      snapshotOf(id, 'history_gone', snapshot);
      continue;
    }
    const history = await store.eventsAfter(id, wanted.seq);
    if (history.status === 'not_found') {
      results.push({ id, status: 'not_found' });
      continue;
    }
    if (history.status === 'history_gone') {
      snapshotOf(id, 'history_gone', history.snapshot);
      continue;
    }
    const events = history.events.map(publicEvent);
    const size = jsonBytes(events);
    if (events.length > budget.events || size > budget.bytes) {
      snapshotOf(id, 'history_gone', snapshot);
      continue;
    }
    budget.events -= events.length;
    budget.bytes -= size;
    bytes += size;
    stats.replayed += 1;
    results.push({ id, status: 'replayed', events });
  }
  return { epoch, results, bytes };
};

/** The positions with each id once, the first one named. */
function distinct(operations: readonly Position[]): Position[] {
  const seen = new Set<string>();
  const once: Position[] = [];
  for (const position of operations) {
    if (seen.has(position.id)) continue;
    seen.add(position.id);
    once.push(position);
  }
  return once;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
