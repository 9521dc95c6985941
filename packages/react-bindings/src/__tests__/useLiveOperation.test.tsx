import { OpwireError } from '@opwire/client';
import { act, renderHook, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import {
  type LiveOperationOptions,
  type LiveOperationState,
  OpwireProvider,
  useLiveOperation,
} from '../index.js';
import { postJson } from './support/appServer.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

interface ImportResult {
  imported: number;
}

/** Calls the app's own endpoint, as a page would. */
const startImport = () => postJson<{ operationId: string }>(`${app.server.url}/jobs`);

function renderLive(
  options: Partial<LiveOperationOptions<ImportResult, void>> = {},
  strict = false,
) {
  const client = app.client();
  const calls: string[] = [];
  const states: Array<LiveOperationState<ImportResult>> = [];
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = <OpwireProvider client={client}>{children}</OpwireProvider>;
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  const hook = renderHook(
    () => {
      const result = useLiveOperation<ImportResult>({
        start: startImport,
        onStart: (id) => calls.push(`start:${id}`),
        onProgress: (state) => calls.push(`progress:${state.percent}`),
        onComplete: (result) => calls.push(`complete:${result?.imported}`),
        onError: (error) => calls.push(`error:${error.message}`),
        ...options,
      });
      states.push(result[0]);
      return result;
    },
    { wrapper },
  );
  return {
    client,
    calls,
    states,
    state: () => hook.result.current[0],
    actions: () => hook.result.current[1],
    hook,
  };
}

describe('useLiveOperation', () => {
  it('starts through the app’s request and follows the operation to its result', async () => {
    const { calls, state, actions, states } = renderLive();
    expect(state()).toMatchObject({ status: 'idle', isActive: false });

    let execution: Promise<string | null> = Promise.resolve(null);
    act(() => {
      execution = actions().execute();
    });
    expect(state()).toMatchObject({ status: 'starting', isActive: true });
    const operationId = await execution;
    const job = app.server.jobs[0];
    expect(operationId).toBe(job?.id);
    await waitFor(() => expect(state().status).toBe('running'));
    expect(states.map((entry) => entry.status)).toEqual(
      expect.arrayContaining(['idle', 'starting', 'running']),
    );

    job?.stage('importing', 'Importing rows');
    job?.progress(60, 'Imported 600 rows');
    await waitFor(() => expect(state().percent).toBe(60));
    expect(state()).toMatchObject({
      stage: 'importing',
      message: 'Imported 600 rows',
      isActive: true,
    });

    job?.complete({ imported: 1000 });
    await waitFor(() => expect(state().status).toBe('succeeded'));
    expect(state()).toMatchObject({ isActive: false, error: null, operationId });
    expect(state().result?.imported).toBe(1000);
    expect(calls[0]).toBe(`start:${operationId}`);
    expect(calls).toContain('progress:60');
    expect(calls.filter((call) => call.startsWith('complete'))).toEqual(['complete:1000']);
  });

  it('refuses a second execute while one runs, and allows one after it ended', async () => {
    const { state, actions } = renderLive();
    let first: Promise<string | null> = Promise.resolve(null);
    let second: Promise<string | null> = Promise.resolve(null);
    act(() => {
      // Two clicks in the same tick: the second is refused before React even re-rendered.
      first = actions().execute();
      second = actions().execute();
    });
    await expect(second).resolves.toBeNull();
    const operationId = await first;
    await waitFor(() => expect(state().status).toBe('running'));
    await expect(actions().execute()).resolves.toBeNull();
    expect(app.server.jobs).toHaveLength(1);

    app.server.jobs[0]?.complete({ imported: 1 });
    await waitFor(() => expect(state().status).toBe('succeeded'));
    let third: Promise<string | null> = Promise.resolve(null);
    act(() => {
      third = actions().execute();
    });
    const next = await third;
    expect(next).not.toBe(operationId);
    expect(app.server.jobs).toHaveLength(2);
    await waitFor(() => expect(state()).toMatchObject({ operationId: next, status: 'running' }));
  });

  it('puts an error thrown by start into error, as thrown', async () => {
    const { state, actions, calls } = renderLive({
      start: () => postJson<{ operationId: string }>(`${app.server.url}/jobs/refused`),
    });
    let execution: Promise<string | null> = Promise.resolve('unset');
    act(() => {
      execution = actions().execute();
    });
    await expect(execution).resolves.toBeNull();
    await waitFor(() => expect(state().status).toBe('failed'));
    expect(state()).toMatchObject({ isActive: false, operationId: null });
    expect(state().error).toBeInstanceOf(Error);
    expect(state().error?.message).toBe('The import queue is full');
    expect(calls).toEqual(['error:The import queue is full']);
  });

  it('wraps a start that resolves without an operation id', async () => {
    const { state, actions } = renderLive({
      start: async () => ({}) as { operationId: string },
    });
    await act(() => actions().execute());
    expect(state().error).toBeInstanceOf(OpwireError);
    expect(state().error).toMatchObject({ code: 'invalid_request' });
  });

  it('cancels the running operation through the client', async () => {
    const { state, actions, calls } = renderLive();
    await act(() => actions().execute());
    await waitFor(() => expect(state().status).toBe('running'));
    await act(() => actions().cancel('No longer needed'));
    await waitFor(() => expect(state().status).toBe('cancelled'));
    expect(state()).toMatchObject({ isActive: false, error: null });
    expect(calls.some((call) => call.startsWith('error'))).toBe(false);
  });

  it('cancels as soon as the id is known when cancel is called while starting', async () => {
    let answer: (value: { operationId: string }) => void = () => {};
    const { state, actions } = renderLive({
      start: () =>
        new Promise<{ operationId: string }>((resolve) => {
          answer = resolve;
        }),
    });
    let cancelled: Promise<void> = Promise.resolve();
    act(() => {
      void actions().execute();
    });
    expect(state().status).toBe('starting');
    act(() => {
      cancelled = actions().cancel('Changed my mind');
    });
    const op = app.server.opwire.operation.start('import', { audience: { user: 'u1' } });
    answer({ operationId: op.id });
    await act(() => cancelled);
    await waitFor(() => expect(state().status).toBe('cancelled'));
    expect(state().message).toBe('Changed my mind');
  });

  it('lands a failed operation in error and onError, once', async () => {
    const { state, actions, calls } = renderLive();
    await act(() => actions().execute());
    await waitFor(() => expect(state().status).toBe('running'));
    app.server.jobs[0]?.fail(new Error('Row 12 is not valid'));
    await waitFor(() => expect(state().status).toBe('failed'));
    expect(state().error).toMatchObject({
      code: 'operation_failed',
      message: 'Row 12 is not valid',
    });
    expect(calls.filter((call) => call.startsWith('error'))).toEqual(['error:Row 12 is not valid']);
  });

  it('resets to idle and stops following, leaving the operation running', async () => {
    const { client, state, actions } = renderLive();
    const operationId = await act(() => actions().execute());
    await waitFor(() => expect(state().status).toBe('running'));
    act(() => actions().reset());
    expect(state()).toMatchObject({ status: 'idle', isActive: false, operationId: null });
    const entry = client.debug().operations.find((operation) => operation.id === operationId);
    expect(entry?.listeners ?? 0).toBe(0);
    expect((await app.server.opwire.operation.get(operationId ?? ''))?.status).toBe('running');
  });

  it('with a key, a page mounted again (a reload) takes the running operation back, and cancel works', async () => {
    sessionStorage.clear();
    const first = renderLive({ key: 'reload-test' });
    const operationId = await act(() => first.actions().execute());
    await waitFor(() => expect(first.state().status).toBe('running'));
    first.hook.unmount();

    const again = renderLive({ key: 'reload-test' }, true);
    expect(again.state()).toMatchObject({ operationId, isActive: true });
    await waitFor(() => expect(again.state().status).toBe('running'));
    await act(() => again.actions().cancel('From the reloaded page'));
    await waitFor(() => expect(again.state().status).toBe('cancelled'));
    act(() => again.actions().reset());
    expect(sessionStorage.length).toBe(0);
  });

  it('follows with one subscription and reports completion once under StrictMode', async () => {
    const { client, state, actions, calls } = renderLive({}, true);
    const operationId = await act(() => actions().execute());
    await waitFor(() => expect(state().status).toBe('running'));
    expect(client.debug().operations).toEqual([
      expect.objectContaining({ id: operationId, listeners: 1 }),
    ]);
    app.server.jobs[0]?.complete({ imported: 3 });
    await waitFor(() => expect(state().status).toBe('succeeded'));
    expect(calls.filter((call) => call.startsWith('complete'))).toEqual(['complete:3']);
    expect(calls.filter((call) => call.startsWith('start'))).toHaveLength(1);
  });

  it('is idle during the first render and keeps its actions stable', () => {
    const { hook, state } = renderLive();
    const actions = hook.result.current[1];
    hook.rerender();
    expect(hook.result.current[1]).toBe(actions);
    expect(state()).toMatchObject({ status: 'idle', percent: 0, timeLeftMs: null });
  });
});
