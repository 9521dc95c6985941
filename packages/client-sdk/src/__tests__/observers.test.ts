import {
  createActiveOperationsObserver,
  createConnectionStatusObserver,
  createLiveOperation,
  createOperationObserver,
  createRecentOperationsObserver,
  type LiveOperationStorage,
  liveOperationStorageKey,
  type OperationState,
} from '@opwire/client';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createObserverStore } from '../observers/observerStore.js';
import { clientFactory } from './support/clients.js';

let server: TestServer;
const clients = clientFactory();

beforeEach(async () => {
  server = await startTestServer({ progressIntervalMs: 0 });
});
afterEach(async () => {
  clients.closeAll();
  await server.close();
});

async function connected() {
  const made = clients.create({ url: server.url, token: signToken() });
  await waitFor(() => made.client.status === 'connected', 'connected');
  return made.client;
}

/** A job the test finishes by hand. */
function gatedJob(options: { estimatedDurationMs?: number } = {}) {
  let finish: (outcome: 'ok' | 'fail') => void = () => {};
  const gate = new Promise<'ok' | 'fail'>((resolve) => {
    finish = resolve;
  });
  const { id } = server.opwire.operation.track(
    'import',
    async (op) => {
      op.stage('parsing');
      op.progress(20, 'reading');
      if ((await gate) === 'fail') throw Object.assign(new Error('Bad row 7'), { code: 'bad_row' });
      return { imported: 3 };
    },
    { audience: { user: 'u1' }, title: 'Import', ...options },
  );
  return { id, finish };
}

function memoryStorage(): LiveOperationStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('observer store', () => {
  it('calls a subscriber at once, keeps its snapshot stable and starts its work only while listened to', () => {
    const calls: string[] = [];
    const store = createObserverStore({
      initial: { n: 0 },
      start() {
        calls.push('start');
        return () => calls.push('stop');
      },
    });
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    const seen: number[] = [];
    const off = store.subscribe((value) => seen.push(value.n));
    const second = store.subscribe(() => {});
    store.set({ n: 1 });
    off();
    expect(calls).toEqual(['start']);
    second();
    expect(calls).toEqual(['start', 'stop']);
    expect(seen).toEqual([0, 1]);
  });
});

describe('operation observer', () => {
  it('follows an operation to its result, with isActive, stage and message', async () => {
    const client = await connected();
    const { id, finish } = gatedJob();
    const observer = createOperationObserver<{ imported: number }>(client, id);
    expect(observer.getServerSnapshot().status).toBe('loading');
    const states: OperationState<{ imported: number }>[] = [];
    const off = observer.subscribe((state) => states.push(state));
    await waitFor(() => observer.getSnapshot().percent === 20, 'progress');
    expect(observer.getSnapshot()).toMatchObject({
      status: 'running',
      isActive: true,
      stage: 'parsing',
      message: 'reading',
      failure: null,
    });
    finish('ok');
    await waitFor(() => observer.getSnapshot().status === 'succeeded', 'success');
    expect(observer.getSnapshot()).toMatchObject({
      isActive: false,
      result: { imported: 3 },
      timeLeftMs: 0,
    });
    expect(states[0]?.status).toBe('loading');
    off();
  });

  it('gives the failure as code and message', async () => {
    const client = await connected();
    const { id, finish } = gatedJob();
    const observer = createOperationObserver(client, id);
    const off = observer.subscribe(() => {});
    await waitFor(() => observer.getSnapshot().status === 'running', 'running');
    finish('fail');
    await waitFor(() => observer.getSnapshot().status === 'failed', 'failed');
    expect(observer.getSnapshot().failure).toEqual({
      code: 'bad_row',
      message: expect.stringContaining('Bad row 7'),
    });
    expect(observer.getSnapshot().error?.code).toBe('operation_failed');
    off();
  });

  it('counts the time left down between events', async () => {
    const client = await connected();
    const { id, finish } = gatedJob({ estimatedDurationMs: 60_000 });
    const observer = createOperationObserver(client, id, { tickMs: 20 });
    const times = new Set<number>();
    const off = observer.subscribe((state) => {
      if (state.timeLeftMs !== null) times.add(state.timeLeftMs);
    });
    await waitFor(() => observer.getSnapshot().percent === 20, 'progress');
    const seq = observer.getSnapshot().snapshot?.seq;
    await waitFor(() => times.size >= 3, 'three different times left');
    expect(observer.getSnapshot().snapshot?.seq).toBe(seq);
    const values = [...times];
    expect(values.at(-1)).toBeLessThan(values[0] as number);
    finish('ok');
    off();
  });

  it('is idle for no operation and follows nothing', () => {
    const observer = createOperationObserver(null as never, null);
    expect(observer.getSnapshot()).toMatchObject({ status: 'idle', isActive: false });
  });
});

describe('live operation', () => {
  it('starts through the app request, follows the operation and resets', async () => {
    const client = await connected();
    const job = gatedJob();
    const live = createLiveOperation<{ imported: number }>(client, () => ({
      start: async () => ({ operationId: job.id }),
    }));
    const off = live.subscribe(() => {});
    const started = live.execute();
    expect(live.getSnapshot()).toMatchObject({ status: 'starting', isActive: true });
    expect(await started).toBe(job.id);
    expect(await live.execute()).toBeNull(); // refused while active
    job.finish('ok');
    await waitFor(() => live.getSnapshot().status === 'succeeded', 'success');
    expect(live.getSnapshot()).toMatchObject({ isActive: false, result: { imported: 3 } });
    live.reset();
    expect(live.getSnapshot()).toMatchObject({ status: 'idle', operationId: null });
    off();
  });

  it('sends a cancel asked for while starting once the id is known', async () => {
    const client = await connected();
    let answer: (value: { operationId: string }) => void = () => {};
    const live = createLiveOperation(client, () => ({
      start: () => new Promise<{ operationId: string }>((resolve) => (answer = resolve)),
    }));
    const off = live.subscribe(() => {});
    void live.execute();
    const cancelled = live.cancel('Changed my mind');
    const { id } = server.opwire.operation.track('import', async (_op) => new Promise(() => {}), {
      audience: { user: 'u1' },
    });
    answer({ operationId: id });
    await cancelled;
    off();
  });

  it('takes back a keyed operation after a reload: same state, and cancel still works', async () => {
    const storage = memoryStorage();
    const first = await connected();
    const { id } = server.opwire.operation.track(
      'import',
      async (op) => {
        op.progress(40, 'half');
        await new Promise<void>((resolve) => op.signal.addEventListener('abort', () => resolve()));
      },
      { audience: { user: 'u1' } },
    );
    const before = createLiveOperation(first, () => ({
      key: 'import',
      storage,
      start: async () => ({ operationId: id }),
    }));
    await before.execute();
    expect(storage.items.get(liveOperationStorageKey('import'))).toBe(id);
    first.close();

    const reloaded = await connected();
    const after = createLiveOperation(reloaded, () => ({
      key: 'import',
      storage,
      start: async () => ({ operationId: 'never' }),
    }));
    expect(after.getSnapshot()).toMatchObject({ operationId: id, isActive: true });
    const off = after.subscribe(() => {});
    await waitFor(() => after.getSnapshot().percent === 40, 'the same progress');
    await after.cancel('stop');
    await waitFor(() => after.getSnapshot().status === 'cancelled', 'cancelled');
    after.reset();
    expect(storage.items.size).toBe(0);
    off();
  });

  it('shows the outcome of a keyed operation that ended before the reload', async () => {
    const storage = memoryStorage();
    storage.setItem(liveOperationStorageKey('import'), 'x');
    const client = await connected();
    const job = gatedJob();
    storage.setItem(liveOperationStorageKey('import'), job.id);
    job.finish('ok');
    await waitFor(
      async () => (await server.opwire.operation.get(job.id))?.status === 'succeeded',
      'ended',
    );
    const completions: unknown[] = [];
    const live = createLiveOperation(client, () => ({
      key: 'import',
      storage,
      start: async () => ({ operationId: 'never' }),
      onComplete: (result) => completions.push(result),
    }));
    const off = live.subscribe(() => {});
    await waitFor(() => live.getSnapshot().status === 'succeeded', 'the outcome');
    expect(live.getSnapshot().result).toEqual({ imported: 3 });
    expect(completions).toEqual([]); // old news: no callback
    off();
  });
});

describe('active and recent operations', () => {
  it('lists operations that started before the client connected, with one request for two observers', async () => {
    const job = gatedJob();
    const client = await connected();
    const a = createActiveOperationsObserver(client);
    const b = createActiveOperationsObserver(client);
    const offA = a.subscribe(() => {});
    const offB = b.subscribe(() => {});
    await waitFor(() => !a.getSnapshot().isLoading && !b.getSnapshot().isLoading, 'loaded');
    expect(a.getSnapshot().operations.map((operation) => operation.id)).toEqual([job.id]);
    expect(b.getSnapshot().operations).toBe(a.getSnapshot().operations);
    job.finish('ok');
    await waitFor(() => a.getSnapshot().operations.length === 0, 'ended');
    offA();
    offB();
  });

  it('keeps ended operations for keepMs, including ones that ended before the page loaded', async () => {
    const early = gatedJob();
    early.finish('ok');
    await waitFor(
      async () => (await server.opwire.operation.get(early.id))?.status === 'succeeded',
      'ended',
    );
    const client = await connected();
    const recent = createRecentOperationsObserver(client, { keepMs: 60_000 });
    const off = recent.subscribe(() => {});
    await waitFor(
      () => recent.getSnapshot().some((operation) => operation.id === early.id),
      'the early one',
    );
    const late = gatedJob();
    client.operation(late.id);
    await waitFor(() => client.operations.getSnapshot().length === 1, 'followed');
    late.finish('fail');
    await waitFor(() => recent.getSnapshot()[0]?.id === late.id, 'the late one first');
    off();

    const short = createRecentOperationsObserver(client, { keepMs: 1 });
    const offShort = short.subscribe(() => {});
    await waitFor(() => short.getSnapshot().length === 0, 'dropped after keepMs');
    offShort();
  });
});

describe('connection status observer', () => {
  it('hides a drop shorter than lostAfterMs and shows a longer one', async () => {
    const client = await connected();
    const patient = createConnectionStatusObserver(client, { lostAfterMs: 60_000 });
    const eager = createConnectionStatusObserver(client, { lostAfterMs: 0 });
    expect(patient.getServerSnapshot().status).toBe('connecting');
    const shown: string[] = [];
    const offPatient = patient.subscribe((state) => shown.push(state.status));
    const eagerShown: string[] = [];
    const offEager = eager.subscribe((state) => eagerShown.push(state.status));
    server.dropConnections();
    await waitFor(() => eagerShown.includes('reconnecting'), 'the drop');
    await waitFor(() => client.status === 'connected', 'back');
    expect(shown).toEqual(['connected']);
    expect(patient.getSnapshot()).toEqual({ status: 'connected', isConnected: true });
    offPatient();
    offEager();
  });
});
