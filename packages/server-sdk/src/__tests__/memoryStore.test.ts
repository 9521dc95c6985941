import type { OperationSnapshot } from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/memoryStore.js';
import type { EventDraft } from '../store/operationStore.js';

const started = (operationId: string, ts = 0): EventDraft => ({
  operationId,
  topic: 'operation.started',
  ts,
  payload: {
    type: 't',
    status: 'running',
    title: null,
    stages: null,
    audience: [`user:${operationId}-owner`],
    tables: [],
    estimatedDurationMs: null,
    stage: null,
    message: null,
  },
});
const progress = (operationId: string, percent: number): EventDraft => ({
  operationId,
  topic: 'operation.progress',
  ts: 1,
  payload: { percent },
});
const completed = (operationId: string): EventDraft => ({
  operationId,
  topic: 'operation.completed',
  ts: 2,
  payload: {},
});

describe('memoryStore', () => {
  it('assigns consecutive seq and builds snapshots with the reducer', async () => {
    const store = memoryStore();
    await store.append(started('a'));
    await store.append(progress('a', 10));
    const result = await store.append(progress('a', 20));
    expect(result).toMatchObject({
      status: 'appended',
      event: { seq: 3 },
      snapshot: { percent: 20, seq: 3 },
    });
    expect(await store.append(progress('missing', 1))).toEqual({ status: 'not_found' });
  });

  it('keeps a terminal state final and ids unique while held', async () => {
    const store = memoryStore();
    await store.append(started('a'));
    await store.append(completed('a'));
    expect((await store.append(progress('a', 1))).status).toBe('ended');
    expect((await store.append(started('a'))).status).toBe('conflict');
  });

  it('trims history and says when it no longer reaches back', async () => {
    const store = memoryStore({ historyLimit: 3 });
    await store.append(started('a'));
    for (let i = 1; i <= 5; i += 1) await store.append(progress('a', i));
    expect(await store.eventsAfter('a', 3)).toMatchObject({
      status: 'events',
      events: [{ seq: 4 }, { seq: 5 }, { seq: 6 }],
    });
    expect((await store.eventsAfter('a', 2)).status).toBe('history_gone');
    expect(await store.eventsAfter('a', 6)).toEqual({ status: 'events', events: [] });
    expect(await store.eventsAfter('nope', 0)).toEqual({ status: 'not_found' });
  });

  it('forgets ended operations after their TTL', async () => {
    let now = 1_000;
    const store = memoryStore({ ttlMs: 100, now: () => now });
    await store.append(started('a'));
    await store.append(completed('a'));
    await store.append(started('b'));
    now += 99;
    expect(await store.get('a')).not.toBeNull();
    now += 1;
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).not.toBeNull();
  });

  it('stays bounded: evicts the oldest ended operation, then refuses when all are running', async () => {
    const store = memoryStore({ maxOperations: 2 });
    await store.append(started('a'));
    await store.append(completed('a'));
    await store.append(started('b'));
    await store.append(started('c'));
    expect(await store.get('a')).toBeNull();
    await expect(store.append(started('d'))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('lists by status and audience, newest first', async () => {
    const store = memoryStore();
    await store.append(started('a', 1));
    await store.append(started('b', 2));
    await store.append(completed('b'));
    const all = (await store.list({ status: 'all', limit: 10 })).map(
      (s: OperationSnapshot) => s.id,
    );
    expect(all).toEqual(['b', 'a']);
    expect((await store.list({ status: 'active', limit: 10 })).map((s) => s.id)).toEqual(['a']);
    expect(await store.list({ status: 'all', rooms: ['user:zed'], limit: 10 })).toEqual([]);
    expect(
      (await store.list({ status: 'all', rooms: ['user:a-owner'], limit: 10 })).map((s) => s.id),
    ).toEqual(['a']);
  });

  it('has a fresh epoch per instance and validates its options', async () => {
    expect(await memoryStore().epoch()).not.toEqual(await memoryStore().epoch());
    expect(() => memoryStore({ historyLimit: 0 })).toThrow(/historyLimit/);
  });
});

describe('a full memory store seen from the server', () => {
  it('rejects done with unavailable when a new operation cannot be stored', async () => {
    const { startTestServer } = await import('@opwire/test-kit/testServer');
    const server = await startTestServer({ store: memoryStore({ maxOperations: 1 }) });
    const errors: string[] = [];
    server.opwire.events.on('error', (error) => errors.push(error.code));
    const first = server.opwire.operation.start('a', { audience: { user: 'u' } });
    const second = server.opwire.operation.start('b', { audience: { user: 'u' } });
    await expect(second.done).rejects.toMatchObject({ code: 'unavailable' });
    expect(second.ended).toBe(true);
    expect(errors).toEqual(['unavailable']);
    first.complete();
    await first.done;
    await server.close();
  });
});
