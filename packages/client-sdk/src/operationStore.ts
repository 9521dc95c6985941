import {
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
  type ResumeResult,
  sequenceOperationEvents,
} from '@opwire/protocol';
import { createActiveOperations } from './activeOperations.js';
import { isConnectionLoss } from './connectionLoss.js';
import { createDeferred } from './deferred.js';
import { createDispatchLedger } from './dispatchLedger.js';
import type { Unsubscribe } from './listenerSet.js';
import { createMicrotaskBatch } from './microtaskBatch.js';
import {
  createEntry,
  isActive,
  isFollowed,
  type OperationEntry,
  RELOAD_MISSING_AFTER_MS,
  recordSample,
  settleDone,
} from './operationEntry.js';
import { restingState, setEntryState, settleEntryState } from './operationEntryState.js';
import { operationNotFound } from './operationOutcome.js';
import type { OperationChange, OperationSource, ResumePosition } from './operationSource.js';
import { resumeBatches } from './resumeBatches.js';
import { retryRateLimited } from './retryRateLimited.js';
import { shouldReplaceSnapshot } from './snapshotReconcile.js';

export interface OperationStoreOptions {
  source: OperationSource;
  /** The epoch of the current connection, under which live events arrive. */
  currentEpoch(): string | null;
  /** Whether requests reach the server now; a request that timed out meanwhile is sent again. */
  isConnected(): boolean;
  onChange(change: OperationChange): void;
  onError(error: unknown): void;
}

export interface OperationStore {
  /** The entry for `id`, created and loaded from the server when it is new. */
  follow(id: string): OperationEntry;
  applyEvent(event: OperationEvent): void;
  /**
   * Takes a snapshot from a list or poll, unless it is older than an end this client already saw
   * of that run (a list read on the server before the operation ended).
   */
  applySnapshot(snapshot: OperationSnapshot, epoch: string): void;
  markMissing(id: string, error?: OpwireError): void;
  /** Asks the server for everything missed by every operation still running. */
  resumeAll(): Promise<void>;
  /** Operations still running (or never loaded) that the store follows. */
  followed(): OperationEntry[];
  /** Stable array of running operations, oldest first; a new array only after a change. */
  activeSnapshot(): readonly OperationSnapshot[];
  subscribeActive(listener: (operations: readonly OperationSnapshot[]) => void): Unsubscribe;
  /** Calls `listener` now and after every change of the entry, as a store contract. */
  subscribeEntry(
    entry: OperationEntry,
    listener: (snapshot: OperationSnapshot | null) => void,
  ): Unsubscribe;
  done(entry: OperationEntry): Promise<unknown>;
  /** Rejects every pending `done` with `error`, as when the client closes. */
  rejectPending(error: OpwireError): void;
  entries(): IterableIterator<OperationEntry>;
}

/**
 * Every operation the client knows of. Snapshots change only through the
 * protocol's reducer (live events) or a server snapshot that is newer, so a
 * duplicate, a stale replay or a late answer never moves progress backwards.
 * A gap asks the server for the missing events. An entry is released once its
 * operation ended (or is unknown) and nobody listens, which keeps memory
 * bounded however many operations a long session follows. What reaches
 * subscribers is decided in one place, the dispatch ledger, which outlives
 * released entries.
 */
export function createOperationStore(options: OperationStoreOptions): OperationStore {
  const { source, onError } = options;
  const entries = new Map<string, OperationEntry>();
  const active = createActiveOperations(() => entries.values(), onError);
  const ledger = createDispatchLedger();

  function entryFor(id: string): OperationEntry {
    let entry = entries.get(id);
    if (entry === undefined) {
      entry = createEntry(id);
      entries.set(id, entry);
      ledger.hold(id);
    }
    return entry;
  }

  function release(entry: OperationEntry): void {
    if (isFollowed(entry) || entry.listeners.size > 0 || entry.state === 'released') return;
    setEntryState(entry, 'released', 'ended or missing, and nobody listens');
    if (entries.get(entry.id) !== entry) return;
    entries.delete(entry.id);
    ledger.release(entry.id);
  }

  function notify(entry: OperationEntry, wasActive: boolean, reason: string): void {
    settleEntryState(entry, reason);
    const listeners = entry.listeners.size === 0 ? [] : [...entry.listeners];
    for (const listener of listeners) {
      try {
        listener(entry.snapshot);
      } catch (error) {
        onError(error);
      }
    }
    if (wasActive || isActive(entry)) active.changed();
    settleDone(entry);
    release(entry);
  }

  /**
   * Applies pending and new events on top of the entry's snapshot. An
   * operation's history loaded into an entry that had no snapshot yet is not
   * news (the client may have shown it before, then let it go): those events
   * change the entry without being dispatched, except the ones that arrived live.
   */
  function sequence(
    entry: OperationEntry,
    events: readonly OperationEvent[],
    epoch: string | null,
    loading = false,
  ) {
    const previous = entry.snapshot;
    const active = isActive(entry);
    const held = entry.pending;
    const result = sequenceOperationEvents(
      previous,
      held.length === 0 ? events : [...held, ...events],
    );
    entry.pending = result.pending;
    if (result.applied.length > 0 && result.snapshot !== null) {
      entry.snapshot = result.snapshot;
      if (epoch !== null) entry.epoch = epoch;
      entry.error = null;
      recordSample(entry, result.snapshot);
      const candidates = loading ? arrivedLive(result.applied, held) : result.applied;
      const { events: news, isNews } = ledger.take(result.snapshot, candidates);
      options.onChange({ previous, snapshot: result.snapshot, events: news, isNews });
      notify(entry, active, 'events applied');
    }
    if (entry.pending.length > 0) catchUp(entry);
  }

  function replaceSnapshot(entry: OperationEntry, snapshot: OperationSnapshot, epoch: string) {
    const current = { snapshot: entry.snapshot, epoch: entry.epoch };
    if (!ledger.isBeforeSeenEnd(snapshot) && shouldReplaceSnapshot(current, { snapshot, epoch })) {
      const previous = entry.snapshot;
      const active = isActive(entry);
      entry.snapshot = snapshot;
      entry.epoch = epoch;
      entry.error = null;
      recordSample(entry, snapshot);
      const { isNews } = ledger.take(snapshot, []);
      options.onChange({ previous, snapshot, events: [], isNews });
      notify(entry, active, 'server snapshot');
    }
    // Events held behind a gap may follow on from the new snapshot; stale ones are dropped.
    if (entry.pending.length > 0) sequence(entry, [], epoch);
  }

  function markMissing(entry: OperationEntry, error: OpwireError): void {
    const active = isActive(entry);
    entry.error = error;
    notify(entry, active, 'the server does not know it');
  }

  function position(entry: OperationEntry): ResumePosition {
    return {
      id: entry.id,
      seq: entry.snapshot?.seq ?? 0,
      epoch: entry.epoch ?? options.currentEpoch() ?? '',
    };
  }

  /** Applies an answer to the entry that asked; one released since then has no say. */
  function applyResult(entry: OperationEntry | undefined, result: ResumeResult, epoch: string) {
    if (entry === undefined || entry.state === 'released') return;
    if (result.status === 'not_found') markMissing(entry, operationNotFound(result.id));
    else if (result.status === 'snapshot') replaceSnapshot(entry, result.snapshot, epoch);
    else sequence(entry, result.events, epoch, entry.snapshot === null);
  }

  function batchesOf(list: readonly OperationEntry[]): OperationEntry[][] {
    return resumeBatches(list, (entry) => JSON.stringify(position(entry)).length);
  }

  async function resume(batch: OperationEntry[]): Promise<void> {
    for (const entry of batch) {
      if (entry.state !== 'released') setEntryState(entry, 'catchingUp', 'resume sent');
    }
    const heldAtRequest = new Map(batch.map((entry) => [entry, entry.pending.length]));
    let unanswered = false;
    try {
      const ack = await retryRateLimited(() => source.resume(batch.map(position)));
      const asked = new Map(batch.map((entry) => [entry.id, entry]));
      for (const result of ack.results) {
        applyResult(asked.get(result.id), result, ack.epoch);
      }
    } catch (error) {
      if (!isConnectionLoss(error)) onError(error);
      // A slow or busy server, not a lost one: nothing else would ask again until a reconnect.
      unanswered =
        error instanceof OpwireError &&
        (error.code === 'timeout' || error.code === 'rate_limited') &&
        options.isConnected();
    } finally {
      for (const entry of batch) {
        if (entry.state === 'catchingUp')
          setEntryState(entry, restingState(entry), 'resume answered');
      }
    }
    if (unanswered) for (const entry of batch) if (isFollowed(entry)) catchUp(entry);
    // Events that arrived while the answer was on its way prove the operation went on (a store
    // that lost it may have it back by now); ask again for what they still wait on.
    for (const entry of batch) {
      if (entry.pending.length > (heldAtRequest.get(entry) ?? 0)) catchUp(entry);
    }
  }

  // Gaps found in the same tick share resume requests.
  const catchUps = createMicrotaskBatch<OperationEntry>((batch) => {
    const seqBefore = new Map(batch.map((entry) => [entry, entry.snapshot?.seq ?? 0]));
    for (const part of batchesOf(batch)) {
      void resume(part).then(() => {
        // Ask again only when the last answer moved forward, so a server that cannot fill a
        // gap is not asked in a loop; the next live event asks again.
        for (const entry of part) {
          const moved = (entry.snapshot?.seq ?? 0) > (seqBefore.get(entry) ?? 0);
          if (entry.pending.length > 0 && moved) catchUp(entry);
        }
      });
    }
  });

  function catchUp(entry: OperationEntry): void {
    if (entry.state === 'catchingUp' || entry.state === 'released') return;
    setEntryState(entry, 'catchingUp', 'a gap to fill');
    catchUps.add(entry);
  }

  // Handles created in the same tick share their first fetch. Many at once (a list page, a
  // reload) go as resumes from seq 0: a few requests instead of one each, which a per-socket
  // rate limit would refuse.
  const loads = createMicrotaskBatch<OperationEntry>((batch) => {
    const [single] = batch;
    if (batch.length === 1 && single !== undefined) fetchOne(single);
    else for (const part of batchesOf(batch)) void resume(part);
  });

  function fetchOne(entry: OperationEntry): void {
    retryRateLimited(() => source.get(entry.id)).then(
      ({ snapshot, epoch }) => replaceSnapshot(entry, snapshot, epoch),
      (error: unknown) => {
        if (error instanceof OpwireError && error.code === 'not_found') {
          if (entry.snapshot === null) markMissing(entry, operationNotFound(entry.id));
        } else if (!isConnectionLoss(error)) {
          onError(error);
        }
        // On a lost connection the resume after reconnecting loads it (it sends seq 0).
      },
    );
  }

  return {
    follow(id) {
      const existing = entries.get(id);
      if (existing !== undefined) {
        // Asked again for one the server reported missing (it may be back), but not on every
        // call: a component calling operation(id) at each render must not flood the server.
        const now = Date.now();
        if (existing.error !== null && now - existing.reloadedAt >= RELOAD_MISSING_AFTER_MS) {
          existing.reloadedAt = now;
          loads.add(existing);
        }
        return existing;
      }
      const entry = entryFor(id);
      loads.add(entry);
      return entry;
    },
    applyEvent(event) {
      if (!entries.has(event.operationId) && ledger.isLateCopy(event)) return;
      const entry = entryFor(event.operationId);
      const epoch = options.currentEpoch();
      if (entry.snapshot !== null && isOtherEpoch(entry.epoch, epoch)) {
        // Its seq counts in another epoch than the snapshot's: the same run carried on, or a new
        // run under the same id (a server that lost its memory). Only the server can tell which.
        entry.pending = [...entry.pending, event];
        catchUp(entry);
        return;
      }
      sequence(entry, [event], epoch);
    },
    applySnapshot(snapshot, epoch) {
      if (!ledger.isBeforeSeenEnd(snapshot))
        replaceSnapshot(entryFor(snapshot.id), snapshot, epoch);
    },
    markMissing(id, error = operationNotFound(id)) {
      const entry = entries.get(id);
      if (entry !== undefined) markMissing(entry, error);
    },
    async resumeAll() {
      // A watched operation the server could not find is asked for again: a store that lost
      // it (Redis restarted) may have it back from the process that runs it.
      const followed = [...entries.values()].filter(
        (entry) =>
          isFollowed(entry) || (entry.error?.code === 'not_found' && entry.listeners.size > 0),
      );
      await Promise.all(batchesOf(followed).map(resume));
    },
    followed() {
      return [...entries.values()].filter(isFollowed);
    },
    activeSnapshot: () => active.snapshot(),
    subscribeActive: (listener) => active.subscribe(listener),
    subscribeEntry(entry, listener) {
      const wrapped = (snapshot: OperationSnapshot | null) => listener(snapshot);
      entry.listeners.add(wrapped);
      listener(entry.snapshot);
      return () => {
        if (!entry.listeners.delete(wrapped)) return;
        release(entry);
      };
    },
    done(entry) {
      if (entry.done === null) {
        entry.done = createDeferred<unknown>();
        settleDone(entry);
      }
      return entry.done.promise;
    },
    rejectPending(error) {
      for (const entry of entries.values()) {
        if (entry.done === null || !isFollowed(entry)) continue;
        entry.done.reject(error);
        entry.done = null;
      }
    },
    entries() {
      return entries.values();
    },
  };
}

/** Of `applied`, the events that arrived live (were held) rather than in a loaded history. */
function arrivedLive(applied: OperationEvent[], held: readonly OperationEvent[]): OperationEvent[] {
  if (held.length === 0) return [];
  const seqs = new Set(held.map((event) => event.seq));
  return applied.filter((event) => seqs.has(event.seq));
}

function isOtherEpoch(held: string | null, current: string | null): boolean {
  return held !== null && current !== null && held !== current;
}
