import {
  isTerminalStatus,
  type OperationEvent,
  type OperationSnapshot,
  type OpwireError,
} from '@opwire/protocol';
import type { Deferred } from './deferred.js';
import type { EntryStateHolder } from './operationEntryState.js';
import { operationOutcome } from './operationOutcome.js';
import type { ProgressSample } from './timeLeft.js';

/** How many progress samples an entry keeps for the time-left estimate. */
export const MAX_SAMPLES = 16;
/** Shortest pause between two loads of an operation the server reported missing. */
export const RELOAD_MISSING_AFTER_MS = 2_000;

/** Everything the client holds about one operation. Internal. */
export interface OperationEntry extends EntryStateHolder {
  readonly id: string;
  snapshot: OperationSnapshot | null;
  /** Epoch the snapshot's `seq` counts in. */
  epoch: string | null;
  /** Events that arrived ahead of a gap, waiting for the missing ones. */
  pending: OperationEvent[];
  samples: ProgressSample[];
  /** Set when the server does not know the operation (any more). */
  error: OpwireError | null;
  readonly listeners: Set<(snapshot: OperationSnapshot | null) => void>;
  done: Deferred<unknown> | null;
  /** When the entry was last loaded because the server had reported it missing (ms since epoch). */
  reloadedAt: number;
  /** The handle `client.operation(id)` gave out for this entry, reused while it is attached. */
  handle: unknown;
}

export function createEntry(id: string): OperationEntry {
  return {
    id,
    snapshot: null,
    epoch: null,
    pending: [],
    samples: [],
    error: null,
    listeners: new Set(),
    done: null,
    state: 'loading',
    stateReason: 'created',
    reloadedAt: 0,
    handle: null,
  };
}

/** Records the snapshot's percent for the time-left estimate when it moved. */
export function recordSample(entry: OperationEntry, snapshot: OperationSnapshot): void {
  const last = entry.samples.at(-1);
  if (last !== undefined && last.percent === snapshot.percent) return;
  entry.samples.push({ at: snapshot.updatedAt, percent: snapshot.percent });
  if (entry.samples.length > MAX_SAMPLES) entry.samples.shift();
}

/** Whether the client still follows the operation: it may change, and a reconnect resumes it. */
export function isFollowed(entry: OperationEntry): boolean {
  return (
    entry.error === null && (entry.snapshot === null || !isTerminalStatus(entry.snapshot.status))
  );
}

/** Whether the operation belongs in the list of running operations. */
export function isActive(entry: OperationEntry): boolean {
  return entry.snapshot !== null && isFollowed(entry);
}

/** Settles the entry's `done` promise once the operation ended or is known to be missing. */
export function settleDone(entry: OperationEntry): void {
  if (entry.done === null) return;
  if (entry.error !== null) {
    entry.done.reject(entry.error);
    return;
  }
  const outcome = entry.snapshot === null ? null : operationOutcome(entry.snapshot);
  if (outcome === null) return;
  if (outcome.ok) entry.done.resolve(outcome.result);
  else entry.done.reject(outcome.error);
}
