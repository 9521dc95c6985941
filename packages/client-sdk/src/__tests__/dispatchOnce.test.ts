import { waitFor } from '@opwire/test-kit/waitFor';
import { describe, expect, it } from 'vitest';
import { completionTableRefresh, lifecycleToast } from '../operationLifecycle.js';
import { operationEvents } from './support/events.js';
import { dispatched, setupStore as setup, snapshotAfter } from './support/storeSetup.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

// Each event reaches subscribers, toasts and table refreshes at most once per client, whatever
// order live events and answers arrive in, and whether or not the store let the operation go.
describe('operation store: each event dispatched at most once', () => {
  it('does not bring back an operation it saw end from a list of running ones answered before the end', async () => {
    const { server, store, changes } = setup();
    const op = operationEvents('a');
    const events = server.record(
      op.started({ tables: ['users'] }),
      op.progress(10),
      op.progress(20),
      op.completed(),
    );
    for (const event of events) store.applyEvent(event);
    expect([...store.entries()]).toEqual([]);
    // The list was read on the server while the operation ran; its answer arrives after the end.
    store.applySnapshot(snapshotAfter(events.slice(0, 2)), 'e1');
    for (const entry of store.entries()) store.subscribeEntry(entry, () => {});
    await store.resumeAll();
    expect(dispatched(changes)).toEqual(['a#1', 'a#2', 'a#3', 'a#4']);
    expect(store.activeSnapshot()).toEqual([]);
    expect(changes.map(lifecycleToast).filter((toast) => toast?.type === 'success')).toHaveLength(
      1,
    );
    expect(changes.map(completionTableRefresh).filter(Boolean)).toHaveLength(1);
  });

  it('does not replay what it dispatched when a followed entry made again takes an older snapshot', async () => {
    const { server, store, changes } = setup();
    const op = operationEvents('a');
    const events = server.record(op.started(), op.progress(10), op.progress(20), op.completed());
    for (const event of events) store.applyEvent(event);
    const release = server.hold();
    const entry = store.follow('a');
    store.subscribeEntry(entry, () => {});
    store.applySnapshot(snapshotAfter(events.slice(0, 2)), 'e1');
    release();
    await waitFor(() => entry.snapshot?.seq === 4, 'the entry to load');
    await store.resumeAll();
    await tick();
    expect(dispatched(changes)).toEqual(['a#1', 'a#2', 'a#3', 'a#4']);
    expect(changes.map(lifecycleToast).filter((toast) => toast?.type === 'success')).toHaveLength(
      1,
    );
  });

  it('dispatches only the new events of a run it let go while the server had lost it', async () => {
    const { server, store, changes } = setup();
    const op = operationEvents('a');
    const [started, p10, p20] = server.record(op.started(), op.progress(10), op.progress(20));
    if (!started || !p10 || !p20) throw new Error('events');
    for (const event of [started, p10, p20]) store.applyEvent(event);
    // The server lost the operation (Redis restarted without persistence): the store lets it go.
    server.forget('a');
    store.markMissing('a');
    expect([...store.entries()]).toEqual([]);
    // The process running it writes it back and goes on; the client catches up from seq 0.
    server.record(started, p10, p20);
    const [p30, completed] = server.record(op.progress(30), op.completed());
    if (!p30 || !completed) throw new Error('events');
    store.applyEvent(p30);
    store.applyEvent(completed);
    await waitFor(() => dispatched(changes).length === 5, 'the new events');
    await store.resumeAll();
    await tick();
    expect(dispatched(changes)).toEqual(['a#1', 'a#2', 'a#3', 'a#4', 'a#5']);
  });

  it('dispatches nothing twice when a resume after reconnect races a load and live events', async () => {
    const { server, store, changes } = setup();
    const op = operationEvents('a');
    const events = server.record(op.started(), op.progress(10), op.progress(20));
    const [, , p20] = events;
    if (!p20) throw new Error('events');
    store.applyEvent(p20);
    await waitFor(() => dispatched(changes).length === 1, 'the catch-up');
    const release = server.hold();
    const [p30, p40] = server.record(op.progress(30), op.progress(40));
    if (!p30 || !p40) throw new Error('events');
    const resumed = store.resumeAll();
    store.applyEvent(p30);
    store.applyEvent(p40);
    release();
    await resumed;
    await tick();
    expect(dispatched(changes)).toEqual(['a#3', 'a#4', 'a#5']);
  });
});
