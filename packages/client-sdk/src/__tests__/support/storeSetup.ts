import { applyOperationEvent, type OperationEvent, type OperationSnapshot } from '@opwire/protocol';
import type { OperationChange } from '../../operationSource.js';
import { createOperationStore } from '../../operationStore.js';
import { createHistorySource } from './fakeSource.js';

/** A store over an in-process history source, recording what it reports. */
export function setupStore(epoch = 'e1') {
  const server = createHistorySource(epoch);
  const changes: OperationChange[] = [];
  const errors: unknown[] = [];
  const store = createOperationStore({
    source: server.source,
    currentEpoch: () => server.epoch,
    isConnected: () => true,
    onChange: (change) => changes.push(change),
    onError: (error) => errors.push(error),
  });
  return { server, store, changes, errors };
}

/** The events the store handed on for dispatch, as `id#seq`. */
export const dispatched = (changes: OperationChange[]) =>
  changes.flatMap((change) => change.events.map((event) => `${event.operationId}#${event.seq}`));

/** The snapshot the protocol's reducer builds from these events. */
export function snapshotAfter(events: readonly OperationEvent[]): OperationSnapshot {
  let snapshot: OperationSnapshot | null = null;
  for (const event of events) snapshot = applyOperationEvent(snapshot, event).snapshot;
  if (snapshot === null) throw new Error('no events');
  return snapshot;
}
