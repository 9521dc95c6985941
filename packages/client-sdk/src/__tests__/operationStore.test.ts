import { MAX_RESUME_OPERATIONS, type OperationSnapshot, OpwireError } from '@opwire/protocol';
import { waitFor } from '@opwire/test-kit/waitFor';
import { describe, expect, it } from 'vitest';
import { RESUME_BATCH_BYTES } from '../resumeBatches.js';
import { operationEvents } from './support/events.js';
import { setupStore as setup } from './support/storeSetup.js';

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
});
