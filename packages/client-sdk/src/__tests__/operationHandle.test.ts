import { type OperationSnapshot, OpwireError } from '@opwire/protocol';
import { waitFor } from '@opwire/test-kit/waitFor';
import { describe, expect, it } from 'vitest';
import { createOperationHandle } from '../operationHandle.js';
import { createOperationStore } from '../operationStore.js';
import { operationEvents } from './support/events.js';
import { createHistorySource } from './support/fakeSource.js';

function setup(now = 0) {
  const server = createHistorySource();
  const cancelled: [string, string | undefined][] = [];
  const store = createOperationStore({
    source: server.source,
    currentEpoch: () => 'e1',
    isConnected: () => true,
    onChange: () => {},
    onError: () => {},
  });
  const handleFor = (id: string) =>
    createOperationHandle<{ rows: number }, { processed: number }>(store.follow(id), {
      store,
      cancel: async (opId, reason) => {
        cancelled.push([opId, reason]);
      },
      serverNow: () => now,
    });
  return { server, store, handleFor, cancelled };
}

describe('operation handle', () => {
  it('calls a new subscriber at once with the current value, as Svelte stores require', async () => {
    const { server, handleFor } = setup();
    const op = operationEvents('op1');
    server.record(op.started(), op.progress(30));
    const handle = handleFor('op1');
    await waitFor(() => handle.getSnapshot(), 'the snapshot');
    const seen: (number | undefined)[] = [];
    const unsubscribe = handle.subscribe((snapshot) => seen.push(snapshot?.percent));
    expect(seen).toEqual([30]);
    expect(typeof unsubscribe).toBe('function');
  });

  it('returns the same snapshot object until the operation changes, as useSyncExternalStore requires', () => {
    const { store, handleFor } = setup();
    const op = operationEvents('op1');
    const handle = handleFor('op1');
    store.applyEvent(op.started());
    const first = handle.getSnapshot();
    expect(handle.getSnapshot()).toBe(first);
    store.applyEvent(op.progress(10));
    expect(handle.getSnapshot()).not.toBe(first);
    expect(handle.getSnapshot()?.percent).toBe(10);
  });

  it('stops calling a listener once unsubscribed', () => {
    const { store, handleFor } = setup();
    const op = operationEvents('op1');
    const handle = handleFor('op1');
    const seen: (OperationSnapshot | null)[] = [];
    const off = handle.subscribe((snapshot) => seen.push(snapshot));
    store.applyEvent(op.started());
    off();
    store.applyEvent(op.progress(50));
    expect(seen).toHaveLength(2);
  });

  it('types done with the result and resolves it', async () => {
    const { store, handleFor } = setup();
    const op = operationEvents('op1');
    const handle = handleFor('op1');
    store.applyEvent(op.started());
    store.applyEvent(op.completed({ rows: 7 }));
    const result = await handle.done;
    expect(result?.rows).toBe(7);
  });

  it('exposes why an operation cannot be followed', async () => {
    const { handleFor } = setup();
    const handle = handleFor('nope');
    await expect(handle.done).rejects.toBeInstanceOf(OpwireError);
    expect(handle.error?.code).toBe('not_found');
  });

  it('passes cancel through with its reason', async () => {
    const { handleFor, cancelled } = setup();
    await handleFor('op1').cancel('changed my mind');
    expect(cancelled).toEqual([['op1', 'changed my mind']]);
  });

  it('estimates time left from observed progress, and 0 once ended', () => {
    const { store, handleFor } = setup();
    const op = operationEvents('op1', 0);
    const handle = handleFor('op1');
    expect(handle.timeLeft(0)).toBeNull();
    store.applyEvent(op.started());
    store.applyEvent(op.progress(25));
    store.applyEvent(op.progress(50));
    // Events are 100 ms apart: 25 points per 100 ms leaves 200 ms at the last sample.
    const at = handle.getSnapshot()?.updatedAt ?? 0;
    expect(handle.timeLeft(at)).toBe(200);
    expect(handle.timeLeft(at + 150)).toBe(50);
    store.applyEvent(op.completed({ rows: 1 }));
    expect(handle.timeLeft(at)).toBe(0);
  });
});
