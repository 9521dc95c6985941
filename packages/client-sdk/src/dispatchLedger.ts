import type { OperationEvent, OperationSnapshot } from '@opwire/protocol';

/** How many released operations the client remembers what it dispatched of. */
export const MAX_REMEMBERED_RUNS = 2_000;

/** How far the client got in one run of an operation. */
interface RunRecord {
  /** The run: an id used again (after its TTL, or a server that lost its memory) starts another. */
  startedAt: number;
  /** Every event up to this `seq` was dispatched or deliberately passed over. */
  through: number;
  /** Server time of the latest event seen, to tell a late copy from a new run's event. */
  updatedAt: number;
  ended: boolean;
}

/** What {@link DispatchLedger.take} decided about a change. */
export interface LedgerDecision {
  /** The events to dispatch: applied ones the client never dispatched before. */
  events: readonly OperationEvent[];
  /** Whether the change moved the run past everything the client had seen of it. */
  isNews: boolean;
}

/**
 * The one place that decides what the client has already dispatched, per run
 * of an operation (its id and `startedAt`), so each event reaches subscription
 * handlers, toasts and table refreshes at most once however answers, replays
 * and live deliveries interleave, and whether the store held the operation all
 * along or let it go and took it back. Runs of operations the store holds are
 * always remembered; of released ones, the {@link MAX_REMEMBERED_RUNS} most
 * recent.
 */
export interface DispatchLedger {
  /**
   * Of `candidates` (events just applied to reach `snapshot`), those not
   * dispatched before; records the run as seen through `snapshot.seq`, so
   * events passed over now (history loaded without replay, a snapshot that
   * skipped them) never count as news later.
   */
  take(snapshot: OperationSnapshot, candidates: readonly OperationEvent[]): LedgerDecision;
  /** The store let the operation go: its record joins the bounded memory of released runs. */
  release(id: string): void;
  /** The store holds the operation again: its record is kept for as long as it does. */
  hold(id: string): void;
  /** Whether `event` is a late copy from a run that ended and was released. */
  isLateCopy(event: OperationEvent): boolean;
  /** Whether `snapshot` is older than the end the client already saw of that run. */
  isBeforeSeenEnd(snapshot: OperationSnapshot): boolean;
}

export function createDispatchLedger(limit = MAX_REMEMBERED_RUNS): DispatchLedger {
  const held = new Map<string, RunRecord>();
  const released = new Map<string, RunRecord>();

  const recordOf = (id: string) => held.get(id) ?? released.get(id);
  const releasedEnd = (id: string) => {
    const record = released.get(id);
    return record?.ended === true ? record : undefined;
  };

  return {
    take(snapshot, candidates) {
      const record = recordOf(snapshot.id);
      const sameRun = record !== undefined && record.startedAt === snapshot.startedAt;
      const through = sameRun ? record.through : 0;
      // Candidates come in seq order: usually all are new, and the array can be passed on.
      const first = candidates[0];
      const events =
        first === undefined || first.seq > through
          ? candidates
          : candidates.filter((event) => event.seq > through);
      const ended = snapshot.endedAt !== null;
      if (sameRun && held.get(snapshot.id) === record) {
        record.through = Math.max(through, snapshot.seq);
        record.updatedAt = Math.max(record.updatedAt, snapshot.updatedAt);
        record.ended = ended;
      } else {
        released.delete(snapshot.id);
        held.set(snapshot.id, {
          startedAt: snapshot.startedAt,
          through: Math.max(through, snapshot.seq),
          updatedAt: Math.max(sameRun ? record.updatedAt : 0, snapshot.updatedAt),
          ended,
        });
      }
      return { events, isNews: snapshot.seq > through };
    },
    release(id) {
      const record = held.get(id);
      if (record === undefined) return;
      held.delete(id);
      released.delete(id);
      released.set(id, record);
      if (released.size > limit) {
        const oldest = released.keys().next();
        if (oldest.done !== true) released.delete(oldest.value);
      }
    },
    hold(id) {
      const record = released.get(id);
      if (record === undefined) return;
      released.delete(id);
      held.set(id, record);
    },
    isLateCopy(event) {
      const end = releasedEnd(event.operationId);
      // A later run under the same id starts after the earlier one ended.
      return end !== undefined && event.seq <= end.through && event.ts <= end.updatedAt;
    },
    isBeforeSeenEnd(snapshot) {
      const record = recordOf(snapshot.id);
      return (
        record?.ended === true &&
        record.startedAt === snapshot.startedAt &&
        snapshot.seq < record.through
      );
    },
  };
}
