import {
  applyOperationEvent,
  MAX_RESUME_OPERATIONS,
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import type { OperationChange } from '../operationSource.js';
import { createOperationStore } from '../operationStore.js';
import { RESUME_BATCH_BYTES } from '../resumeBatches.js';
import { operationEvents } from './support/events.js';
import { createHistorySource } from './support/fakeSource.js';
import { waitFor } from './support/waitFor.js';

function setup(epoch = 'e1') {
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

const dispatched = (changes: OperationChange[]) =>
  changes.flatMap((change) => change.events.map((event) => `${event.operationId}#${event.seq}`));

function snapshotAfter(events: readonly OperationEvent[]): OperationSnapshot {
  let snapshot: OperationSnapshot | null = null;
  for (const event of events) snapshot = applyOperationEvent(snapshot, event).snapshot;
  if (snapshot === null) throw new Error('no events');
  return snapshot;
}

const percents = (seen: (OperationSnapshot | null)[]) => seen.map((s) => s?.percent ?? null);

describe('operation store', () => {
  it('loads the current snapshot when an operation is first followed', async () => {
    const { server, store } = setup();
    const op = operationEvents('op1');
    server.record(op.started(), op.progress(40, 'parsing'));
    const entry = store.follow('op1');
    expect(entry.snapshot).toBeNull();
    await waitFor(() => entry.snapshot?.percent === 40, 'the fetched snapshot');
    expect(entry.snapshot?.message).toBe('parsing');
    expect(server.calls.get).toEqual(['op1']);
    expect(store.follow('op1')).toBe(entry);
    expect(server.calls.get).toHaveLength(1);
  });

  it('applies live events in order and ignores duplicates and stale replays', () => {
    const { store, changes } = setup();
    const op = operationEvents('op1');
    const [started, p10, p20] = [op.started(), op.progress(10), op.progress(20)];
    const seen: (OperationSnapshot | null)[] = [];
    const entry = store.follow('op1');
    store.subscribeEntry(entry, (snapshot) => seen.push(snapshot));
    for (const event of [started, p10, p10, started, p20, p10]) store.applyEvent(event);
    expect(percents(seen)).toEqual([null, 0, 10, 20]);
    expect(entry.snapshot?.seq).toBe(3);
    expect(changes.map((change) => change.events.map((event) => event.seq))).toEqual([
      [1],
      [2],
      [3],
    ]);
  });

  it('holds events behind a gap, resumes that operation, and applies everything in order', async () => {
    const { server, store } = setup();
    const op = operationEvents('op1');
    const [started, p10, p20, p30] = server.record(
      op.started(),
      op.progress(10),
      op.progress(20),
      op.progress(30),
    );
    const entry = store.follow('op1');
    await waitFor(() => entry.snapshot, 'the first snapshot');
    server.calls.resume.length = 0;
    const seen: number[] = [];
    store.subscribeEntry(entry, (snapshot) => seen.push(snapshot?.seq ?? 0));
    const before = entry.snapshot?.seq ?? 0;
    expect(before).toBe(4);

    const p40 = server.record(op.progress(40))[0];
    const p50 = server.record(op.progress(50))[0];
    if (!p40 || !p50 || !started || !p10 || !p20 || !p30) throw new Error('events');
    store.applyEvent(p50);
    expect(entry.pending.map((event) => event.seq)).toEqual([6]);
    await waitFor(() => entry.snapshot?.seq === 6, 'the gap to be filled');
    expect(server.calls.resume).toEqual([[{ id: 'op1', seq: 4, epoch: 'e1' }]]);
    expect(seen).toEqual([4, 6]);
    expect(entry.snapshot?.percent).toBe(50);
    expect(entry.pending).toEqual([]);
    store.applyEvent(p40);
    expect(entry.snapshot?.seq).toBe(6);
  });

  it('takes a snapshot when history is gone, and keeps progress from going backwards', async () => {
    const { server, store } = setup();
    const op = operationEvents('op1');
    const events = server.record(op.started(), op.progress(10), op.progress(20), op.progress(60));
    const entry = store.follow('op1');
    await waitFor(() => entry.snapshot?.seq === 4, 'the first snapshot');
    const p70 = server.record(op.progress(70))[0];
    const p80 = server.record(op.progress(80))[0];
    server.trimBefore(6);
    if (!p70 || !p80) throw new Error('events');
    store.applyEvent(p80);
    await waitFor(() => entry.snapshot?.seq === 6, 'the snapshot that fills the gap');
    expect(entry.snapshot?.percent).toBe(80);

    for (const event of events) store.applyEvent(event);
    store.applySnapshot({ ...(entry.snapshot as OperationSnapshot), seq: 2, percent: 10 }, 'e1');
    expect(entry.snapshot?.percent).toBe(80);
  });

  it('takes a new run of the same id from a new epoch, whatever its seq', async () => {
    const { server, store } = setup('e1');
    const op = operationEvents('op1');
    server.record(op.started(), op.progress(50));
    const entry = store.follow('op1');
    await waitFor(() => entry.snapshot?.seq === 2, 'the first snapshot');
    const rerun = {
      ...(entry.snapshot as OperationSnapshot),
      seq: 1,
      percent: 5,
      startedAt: 9_999,
    };
    store.applySnapshot(rerun, 'e2');
    expect(entry.snapshot).toEqual(rerun);
    expect(entry.epoch).toBe('e2');
  });

  it('never moves a restored run backwards when a late answer from the new epoch arrives', async () => {
    const { server, store } = setup('e1');
    const op = operationEvents('op1');
    server.record(op.started(), op.progress(50));
    const entry = store.follow('op1');
    await waitFor(() => entry.snapshot?.seq === 2, 'the first snapshot');
    const current = entry.snapshot as OperationSnapshot;
    store.applySnapshot({ ...current, seq: 1, percent: 5 }, 'e2');
    expect(entry.snapshot).toBe(current);
    const restored = { ...current, seq: 2 };
    store.applySnapshot(restored, 'e2');
    expect(entry.snapshot).toEqual(restored);
    expect(entry.epoch).toBe('e2');
  });

  it('resolves done with the result, and rejects on failure, cancellation or an unknown id', async () => {
    const { server, store } = setup();
    const ok = operationEvents('ok');
    const failed = operationEvents('failed');
    const cancelled = operationEvents('cancelled');
    server.record(ok.started(), failed.started(), cancelled.started());
    const okEntry = store.follow('ok');
    const failedEntry = store.follow('failed');
    const cancelledEntry = store.follow('cancelled');
    const missing = store.follow('missing');
    const done = [okEntry, failedEntry, cancelledEntry, missing].map((entry) =>
      store.done(entry).then(
        (value) => ({ value }),
        (error: OpwireError) => ({ code: error.code, message: error.message }),
      ),
    );
    store.applyEvent(ok.completed({ rows: 3 }));
    store.applyEvent(failed.failed('disk full', 'ENOSPC'));
    store.applyEvent(cancelled.cancelled('user asked'));
    const [okResult, failedResult, cancelledResult, missingResult] = await Promise.all(done);
    expect(okResult).toEqual({ value: { rows: 3 } });
    expect(failedResult).toMatchObject({ code: 'operation_failed' });
    expect(failedResult).toHaveProperty('message', expect.stringContaining('disk full'));
    expect(cancelledResult).toMatchObject({ code: 'operation_cancelled' });
    expect(cancelledResult).toHaveProperty('message', expect.stringContaining('user asked'));
    expect(missingResult).toMatchObject({ code: 'not_found' });
    expect(missing.error?.code).toBe('not_found');
  });

  it('settles done at once for an operation that already ended', async () => {
    const { server, store } = setup();
    const op = operationEvents('op1');
    server.record(op.started(), op.completed('result'));
    const entry = store.follow('op1');
    await expect(store.done(entry)).resolves.toBe('result');
  });

  it('rejects pending done promises on close, and hands out a fresh one afterwards', async () => {
    const { server, store } = setup();
    const op = operationEvents('op1');
    server.record(op.started());
    const entry = store.follow('op1');
    const first = store.done(entry);
    store.rejectPending(new OpwireError('closed', 'closed'));
    await expect(first).rejects.toMatchObject({ code: 'closed' });
    const second = store.done(entry);
    expect(second).not.toBe(first);
    store.applyEvent(op.completed(1));
    await expect(second).resolves.toBe(1);
  });

  it('releases ended operations nobody listens to, and keeps listened ones until unsubscribed', () => {
    const { store } = setup();
    const a = operationEvents('a');
    const b = operationEvents('b');
    store.applyEvent(a.started());
    store.applyEvent(b.started());
    const bEntry = store.follow('b');
    const off = store.subscribeEntry(bEntry, () => {});
    expect([...store.entries()].map((entry) => entry.id)).toEqual(['a', 'b']);
    store.applyEvent(a.completed());
    store.applyEvent(b.completed());
    expect([...store.entries()].map((entry) => entry.id)).toEqual(['b']);
    off();
    expect([...store.entries()]).toEqual([]);
    expect(bEntry.snapshot?.status).toBe('succeeded');
  });

  it('stays bounded over 10,000 operations that start and end', () => {
    const { store } = setup();
    for (let i = 0; i < 10_000; i += 1) {
      const op = operationEvents(`op${i}`);
      const entry = store.follow(`op${i}`);
      const off = store.subscribeEntry(entry, () => {});
      store.applyEvent(op.started());
      store.applyEvent(op.progress(50));
      store.applyEvent(op.completed());
      off();
    }
    expect([...store.entries()]).toHaveLength(0);
    expect(store.activeSnapshot()).toHaveLength(0);
  });

  it('keeps a stable list of active operations that changes only with them', () => {
    const { store } = setup();
    const a = operationEvents('a', 1_000);
    const b = operationEvents('b', 2_000);
    const lists: (readonly OperationSnapshot[])[] = [];
    store.subscribeActive((list) => lists.push(list));
    store.applyEvent(b.started());
    store.applyEvent(a.started());
    const list = store.activeSnapshot();
    expect(store.activeSnapshot()).toBe(list);
    expect(list.map((snapshot) => snapshot.id)).toEqual(['a', 'b']);
    store.applyEvent(a.completed());
    expect(store.activeSnapshot().map((snapshot) => snapshot.id)).toEqual(['b']);
    expect(lists.map((l) => l.length)).toEqual([0, 1, 2, 1]);
  });

  it('resumes every followed operation in batches small enough for the server to accept', async () => {
    const { server, store } = setup();
    const ids = Array.from({ length: 1_200 }, (_, i) => `operation-${String(i).padStart(6, '0')}`);
    for (const id of ids) {
      const op = operationEvents(id);
      store.applyEvent(server.record(op.started())[0] ?? op.started());
    }
    const done = operationEvents('done');
    store.applyEvent(done.started());
    store.applyEvent(done.completed());
    await store.resumeAll();
    const batches = server.calls.resume;
    expect(
      batches
        .flat()
        .map((position) => position.id)
        .sort(),
    ).toEqual(ids);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(MAX_RESUME_OPERATIONS);
      expect(JSON.stringify({ operations: batch }).length).toBeLessThan(RESUME_BATCH_BYTES + 100);
    }
  });

  it('marks an operation the resume no longer finds, and stops following it', async () => {
    const { store } = setup();
    const op = operationEvents('gone');
    store.applyEvent(op.started());
    const entry = store.follow('gone');
    await store.resumeAll();
    expect(entry.error?.code).toBe('not_found');
    expect(store.followed()).toEqual([]);
    expect(store.activeSnapshot()).toEqual([]);
  });

  it('catches up on an operation first seen in the middle of its life', async () => {
    const { server, store } = setup();
    const op = operationEvents('late');
    const events = server.record(op.started(), op.progress(10), op.progress(30));
    const last = events[2];
    if (!last) throw new Error('events');
    store.applyEvent(last);
    const entry = [...store.entries()][0];
    await waitFor(() => entry?.snapshot?.seq === 3, 'the catch-up');
    expect(server.calls.resume).toEqual([[{ id: 'late', seq: 0, epoch: 'e1' }]]);
  });
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
