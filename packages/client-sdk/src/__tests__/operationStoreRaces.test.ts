import type { OperationEvent } from '@opwire/protocol';
import { waitFor } from '@opwire/test-kit/waitFor';
import { describe, expect, it } from 'vitest';
import { operationEvents } from './support/events.js';
import { dispatched, setupStore as setup, snapshotAfter } from './support/storeSetup.js';

// What reaches subscribers, and what the store asks the server, when answers race releases,
// reloads, reconnects, epoch changes and a slow or lost server.
describe('operation store under races', () => {
  it('hands an answer only to the entry that asked, not to one created after its release', async () => {
    const { server, store, changes } = setup();
    const op = operationEvents('a');
    const [started, p10, p20, completed] = server.record(
      op.started(),
      op.progress(10),
      op.progress(20),
      op.completed(),
    );
    if (!started || !p10 || !p20 || !completed) throw new Error('events');
    const release = server.hold();
    store.applyEvent(p20);
    store.applyEvent(completed);
    await waitFor(() => server.calls.resume.length === 1, 'the catch-up request');
    // The list of running operations answers first: the held events follow on from it.
    store.applySnapshot(snapshotAfter([started, p10]), 'e1');
    expect(dispatched(changes)).toEqual(['a#3', 'a#4']);
    expect([...store.entries()]).toEqual([]);
    // Followed together with another operation, it loads by a resume from seq 0.
    const other = operationEvents('b');
    server.record(other.started());
    const entry = store.follow('a');
    store.follow('b');
    store.subscribeEntry(entry, () => {});
    release();
    await waitFor(() => entry.snapshot?.seq === 4, 'the new entry to load');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dispatched(changes)).toEqual(['a#3', 'a#4']);
  });

  it('loads many operations at once without replaying their history to subscribers', async () => {
    const { server, store, changes } = setup();
    for (const id of ['a', 'b', 'c']) {
      const op = operationEvents(id);
      server.record(op.started(), op.progress(50), op.completed(id));
    }
    const entries = ['a', 'b', 'c'].map((id) => store.follow(id));
    for (const entry of entries) store.subscribeEntry(entry, () => {});
    await waitFor(() => entries.every((entry) => entry.snapshot?.seq === 3), 'the loads');
    expect(server.calls.resume).toHaveLength(1);
    expect(changes.map((change) => change.snapshot.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(dispatched(changes)).toEqual([]);
  });

  it('ignores a late copy of an event of an operation it released, but takes a new run', async () => {
    const { server, store, changes } = setup();
    const op = operationEvents('a');
    const [started, completed] = server.record(op.started(), op.completed());
    if (!started || !completed) throw new Error('events');
    store.applyEvent(started);
    store.applyEvent(completed);
    expect([...store.entries()]).toEqual([]);
    store.applyEvent(completed);
    store.applyEvent(started);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([...store.entries()]).toEqual([]);
    expect(server.calls.resume).toEqual([]);
    expect(dispatched(changes)).toEqual(['a#1', 'a#2']);

    const rerun = operationEvents('a', 50_000).started();
    store.applyEvent(rerun);
    expect(store.followed().map((entry) => entry.snapshot?.startedAt)).toEqual([rerun.ts]);
    expect(dispatched(changes)).toEqual(['a#1', 'a#2', 'a#1']);
  });

  it('asks again when events arrive while the server answers that it lost the operation', async () => {
    const { server, store } = setup();
    const op = operationEvents('a');
    const events = server.record(op.started(), op.progress(10));
    const entry = store.follow('a');
    store.subscribeEntry(entry, () => {});
    await waitFor(() => entry.snapshot?.seq === 2, 'the first load');
    server.forget('a');
    const release = server.hold();
    const resumed = store.resumeAll();
    // The process running it writes it back under a new epoch and goes on.
    server.epoch = 'e2';
    const [p20, p30] = server.record(...events, op.progress(20), op.progress(30)).slice(2);
    if (!p20 || !p30) throw new Error('events');
    store.applyEvent(p30);
    release();
    await resumed;
    await waitFor(() => entry.snapshot?.seq === 4, 'the second request to catch up');
    expect(entry.error).toBeNull();
    expect(entry.snapshot?.percent).toBe(30);
  });
  it('asks the server before applying a live event from another epoch to a held snapshot', async () => {
    const { server, store, changes } = setup();
    const firstRun = operationEvents('a', 1_000);
    server.record(firstRun.started(), firstRun.progress(10), firstRun.progress(20));
    const entry = store.follow('a');
    store.subscribeEntry(entry, () => {});
    await waitFor(() => entry.snapshot?.seq === 3, 'the first run');
    // The server lost its memory and runs a new operation under the same id.
    server.forget('a');
    server.epoch = 'e2';
    const secondRun = operationEvents('a', 90_000);
    const newEvents = server.record(
      secondRun.started(),
      secondRun.progress(5),
      secondRun.progress(7),
      secondRun.progress(9),
    );
    const live = newEvents[3];
    if (!live) throw new Error('events');
    store.applyEvent(live);
    expect(entry.snapshot?.percent).toBe(20);
    await waitFor(() => entry.snapshot?.startedAt === 90_000, 'the new run');
    expect(entry.snapshot?.seq).toBe(4);
    expect(entry.snapshot?.percent).toBe(9);
    expect(entry.epoch).toBe('e2');
    expect(server.calls.resume.at(-1)).toEqual([{ id: 'a', seq: 3, epoch: 'e1' }]);
    expect(changes.at(-1)?.previous?.startedAt).toBe(1_000);
  });
  it('does not replay the history of an operation followed again to subscribers, whichever request loads it', async () => {
    const { server, store, changes } = setup();
    const op = operationEvents('a');
    const events = server.record(op.started(), op.progress(10), op.completed());
    for (const event of events) store.applyEvent(event);
    expect([...store.entries()]).toEqual([]);
    const release = server.hold();
    const entry = store.follow('a');
    store.subscribeEntry(entry, () => {});
    // A reconnect in the same moment resumes it from seq 0, and that answer comes first.
    const resumed = store.resumeAll();
    await waitFor(() => server.calls.get.length === 1, 'the load request');
    release();
    await resumed;
    await waitFor(() => entry.snapshot?.seq === 3, 'the load');
    expect(server.calls.resume).toEqual([[{ id: 'a', seq: 0, epoch: 'e1' }]]);
    expect(dispatched(changes)).toEqual(['a#1', 'a#2', 'a#3']);
  });

  it('dispatches only the live event of an operation first seen in the middle of its life', async () => {
    const { server, store, changes } = setup();
    const op = operationEvents('late');
    const [, , last] = server.record(op.started(), op.progress(10), op.progress(30));
    if (!last) throw new Error('events');
    store.applyEvent(last);
    await waitFor(() => store.followed()[0]?.snapshot?.seq === 3, 'the catch-up');
    expect(dispatched(changes)).toEqual(['late#3']);
  });
  it('asks again for an operation reported missing, but not at every call', async () => {
    const { server, store } = setup();
    const entry = store.follow('ghost');
    store.subscribeEntry(entry, () => {});
    await waitFor(() => entry.error?.code === 'not_found', 'the first answer');
    for (let call = 0; call < 100; call += 1) {
      store.follow('ghost');
      await Promise.resolve();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    // One load when first followed, one more at most within the pause.
    expect(server.calls.get.length + server.calls.resume.length).toBeLessThanOrEqual(2);
  });

  it('asks again when a resume timed out while the connection stayed up', async () => {
    const { server, store } = setup();
    const op = operationEvents('slow');
    const events = server.record(op.started(), op.progress(10), op.progress(20));
    store.applyEvent(events[0] as OperationEvent);
    const entry = store.follow('slow');
    store.subscribeEntry(entry, () => {});
    server.failNextResumes('timeout');
    store.applyEvent(events[2] as OperationEvent);
    await waitFor(() => entry.snapshot?.seq === 3, 'the second request');
    expect(server.calls.resume).toHaveLength(2);
  });
});
