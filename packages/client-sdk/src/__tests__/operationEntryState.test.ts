import { waitFor } from '@opwire/test-kit/waitFor';
import { describe, expect, it } from 'vitest';
import {
  ENTRY_TRANSITIONS,
  type EntryState,
  type EntryStateHolder,
  restingState,
  setEntryState,
} from '../operationEntryState.js';
import { operationEvents } from './support/events.js';
import { setupStore } from './support/storeSetup.js';

const holder = (state: EntryState): EntryStateHolder => ({ id: 'op1', state, stateReason: 'test' });

describe('entry state transitions (table)', () => {
  it('allows exactly the listed changes and says why', () => {
    const states = Object.keys(ENTRY_TRANSITIONS) as EntryState[];
    for (const from of states) {
      for (const to of states) {
        if (from === to) continue;
        const entry = holder(from);
        const change = () => setEntryState(entry, to, 'because');
        if (ENTRY_TRANSITIONS[from].includes(to)) {
          change();
          expect(entry).toMatchObject({ state: to, stateReason: 'because' });
        } else {
          expect(change).toThrow(`cannot go from ${from} to ${to}`);
        }
      }
    }
  });

  it('never leaves released', () => {
    expect(ENTRY_TRANSITIONS.released).toEqual([]);
  });

  it('rests in the state its snapshot and error say', () => {
    expect(restingState({ snapshot: null, error: null })).toBe('loading');
    expect(restingState({ snapshot: { status: 'running' }, error: null })).toBe('following');
    expect(restingState({ snapshot: { status: 'succeeded' }, error: null })).toBe('ended');
    expect(restingState({ snapshot: { status: 'running' }, error: new Error('x') })).toBe(
      'missing',
    );
  });
});

describe('entry state transitions (store)', () => {
  it('loading → following → ended → released', async () => {
    const { server, store } = setupStore();
    const op = operationEvents('op1');
    server.record(op.started(), op.progress(10));
    const entry = store.follow('op1');
    expect(entry.state).toBe('loading');
    const off = store.subscribeEntry(entry, () => {});
    await waitFor(() => entry.state === 'following', 'following');
    expect(entry.stateReason).toBe('server snapshot');
    store.applyEvent(op.completed());
    expect(entry.state).toBe('ended');
    off();
    expect(entry.state).toBe('released');
  });

  it('loading → missing → released, and missing → following when it is back', async () => {
    const { server, store } = setupStore();
    const entry = store.follow('gone');
    // Missing, and released in the same step since nobody listens.
    await waitFor(() => entry.state === 'released', 'released');
    expect(entry.error?.code).toBe('not_found');
    const watched = store.follow('gone');
    const off = store.subscribeEntry(watched, () => {});
    await waitFor(() => watched.state === 'missing', 'missing again');
    const op = operationEvents('gone');
    server.record(op.started());
    await store.resumeAll();
    expect(watched.state).toBe('following');
    off();
  });

  it('following → catchingUp on a gap → following once filled, one request at a time', async () => {
    const { server, store } = setupStore();
    const op = operationEvents('op1');
    const [started, p1, p2, p3] = server.record(
      op.started(),
      op.progress(10),
      op.progress(20),
      op.progress(30),
    );
    store.applyEvent(started as never);
    const entry = store.follow('op1');
    expect(entry.state).toBe('following');
    const release = server.hold();
    store.applyEvent(p3 as never); // p1 and p2 missed
    expect(entry.state).toBe('catchingUp');
    expect(entry.stateReason).toBe('a gap to fill');
    await Promise.resolve();
    store.applyEvent(p3 as never);
    expect(server.calls.resume).toHaveLength(1);
    release();
    await waitFor(() => entry.state === 'following', 'caught up');
    expect(entry.snapshot?.seq).toBe((p3 as { seq: number }).seq);
    expect(entry.stateReason).toBe('resume answered');
    void p1;
    void p2;
  });

  it('catchingUp → released when it ended meanwhile and nobody listens', async () => {
    const { server, store } = setupStore();
    const op = operationEvents('op1');
    const [started, , completed] = server.record(op.started(), op.progress(50), op.completed());
    store.applyEvent(started as never);
    const entry = store.follow('op1');
    const release = server.hold();
    store.applyEvent(completed as never);
    expect(entry.state).toBe('catchingUp');
    release();
    await waitFor(() => entry.state === 'released', 'released');
    expect(entry.snapshot?.status).toBe('succeeded');
  });
});
