import { applyOperationEvent, type OperationEvent, type OperationSnapshot } from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import { completionTableRefresh, lifecycleToast } from '../operationLifecycle.js';
import type { OperationChange } from '../operationSource.js';
import { operationEvents } from './support/events.js';

function play(events: OperationEvent[]): OperationSnapshot {
  let snapshot: OperationSnapshot | null = null;
  for (const event of events) snapshot = applyOperationEvent(snapshot, event).snapshot;
  if (snapshot === null) throw new Error('no snapshot');
  return snapshot;
}

const change = (
  previous: OperationSnapshot | null,
  snapshot: OperationSnapshot,
  events: OperationEvent[] = [],
): OperationChange => ({ previous, snapshot, events, isNews: true });

describe('lifecycle toasts', () => {
  it('says why a queued operation waits again between attempts, and why opwire ended one', () => {
    const events = operationEvents('op2');
    const started = events.started({ title: 'Sync' });
    const running = play([started]);
    const requeued: OperationEvent = {
      operationId: 'op2',
      seq: 2,
      ts: 1_100,
      topic: 'operation.requeued',
      payload: { message: 'Remote down' },
    };
    const waiting = { ...play([started, requeued]), attempts: 3 };
    expect(lifecycleToast(change(running, waiting, [requeued]))).toMatchObject({
      type: 'loading',
      message: 'Remote down (attempt 1 of 3)',
    });
    const lost = operationEvents('op3');
    const s = lost.started();
    const failed = lost.failed('', 'owner_lost');
    expect(lifecycleToast(change(play([s]), play([s, failed]), [failed]))).toMatchObject({
      type: 'error',
      message: expect.stringContaining('stopped responding'),
    });
  });

  const op = operationEvents('op1');
  const started = op.started({ title: 'User import', tables: ['users'] });
  const progress = op.progress(50, 'Half way');
  const running = play([started, progress]);

  it('shows a loading toast when an operation is seen to start', () => {
    const snapshot = play([started]);
    expect(lifecycleToast(change(null, snapshot, [started]))).toEqual({
      id: 'operation:op1',
      title: 'User import',
      type: 'loading',
      operationId: 'op1',
    });
  });

  it('shows success, error and warning toasts with the operation messages', () => {
    const completed = op.completed({ n: 1 }, 'Imported 10 rows');
    expect(
      lifecycleToast(change(running, play([started, progress, completed]), [completed])),
    ).toEqual({
      id: 'operation:op1',
      title: 'User import',
      type: 'success',
      message: 'Imported 10 rows',
      operationId: 'op1',
    });
    const other = operationEvents('op1');
    const s = other.started({ title: null });
    const failed = other.failed('Disk full');
    expect(lifecycleToast(change(play([s]), play([s, failed]), [failed]))).toMatchObject({
      title: 'import',
      type: 'error',
      message: 'Disk full',
    });
    const third = operationEvents('op1');
    const s3 = third.started();
    const cancelled = third.cancelled('Stopped by Ann');
    expect(lifecycleToast(change(play([s3]), play([s3, cancelled]), [cancelled]))).toMatchObject({
      type: 'warning',
      message: 'Stopped by Ann',
    });
  });

  it('titles end toasts with the titles the operation started with, cancel included', () => {
    const toastTitles = {
      success: 'Users imported',
      failure: 'Import failed',
      cancelled: 'Import stopped',
    };
    const ends = [
      (events: ReturnType<typeof operationEvents>) => events.completed(),
      (events: ReturnType<typeof operationEvents>) => events.failed('Disk full'),
      (events: ReturnType<typeof operationEvents>) => events.cancelled(),
    ];
    const titles = ends.map((end) => {
      const events = operationEvents('titled');
      const s = events.started({ title: 'User import', toastTitles });
      const ended = end(events);
      return lifecycleToast(change(play([s]), play([s, ended]), [ended]))?.title;
    });
    expect(titles).toEqual(['Users imported', 'Import failed', 'Import stopped']);
    // The loading toast keeps the operation's own title.
    const events = operationEvents('titled');
    const s = events.started({ title: 'User import', toastTitles });
    expect(lifecycleToast(change(null, play([s]), [s]))?.title).toBe('User import');
  });

  it("describes success with the completion's message, never the last progress message", () => {
    const quiet = operationEvents('op1');
    const s0 = quiet.started();
    const halfway = play([s0, quiet.progress(50, 'Half way')]);
    const completed = quiet.completed({ n: 1 });
    const after = applyOperationEvent(halfway, completed).snapshot;
    expect(after.message).toBe('Half way');
    expect(lifecycleToast(change(halfway, after, [completed]))?.message).toBe('Completed');
    // From a server snapshot alone the two cannot be told apart: no message is taken.
    expect(lifecycleToast(change(halfway, after))?.message).toBe('Completed');
    const closing = operationEvents('op1');
    const s = closing.started();
    const done = closing.completed({}, 'All done');
    const finished = play([s, closing.progress(50, 'Half way'), done]);
    expect(lifecycleToast(change(halfway, finished, [done]))?.message).toBe('All done');
  });

  it('stays quiet for progress and for an operation first seen already finished', () => {
    expect(lifecycleToast(change(play([started]), running, [progress]))).toBeNull();
    const ended = operationEvents('old');
    const finished = play([ended.started(), ended.completed()]);
    expect(lifecycleToast(change(null, finished))).toBeNull();
  });

  it('announces the end of an operation whose whole life arrived by replay', () => {
    const replay = operationEvents('op2');
    const events = [replay.started(), replay.progress(50), replay.completed()];
    expect(lifecycleToast(change(null, play(events), events))).toMatchObject({ type: 'success' });
  });
});

describe('completion table refresh', () => {
  it('refreshes the declared tables when the client sees the operation succeed', () => {
    const op = operationEvents('op1');
    const started = op.started({ tables: ['users', 'audit'] });
    const completed = op.completed();
    expect(
      completionTableRefresh(change(play([started]), play([started, completed]), [completed])),
    ).toEqual({
      tables: ['users', 'audit'],
      action: 'refresh',
      operationId: 'op1',
    });
  });

  it('does nothing without tables, on failure, or for an operation first seen finished', () => {
    const plain = operationEvents('p');
    const s = plain.started();
    expect(completionTableRefresh(change(play([s]), play([s, plain.completed()])))).toBeNull();
    const failing = operationEvents('f');
    const fs = failing.started({ tables: ['users'] });
    expect(completionTableRefresh(change(play([fs]), play([fs, failing.failed('x')])))).toBeNull();
    const old = operationEvents('o');
    const done = play([old.started({ tables: ['users'] }), old.completed()]);
    expect(completionTableRefresh(change(null, done))).toBeNull();
  });
});
