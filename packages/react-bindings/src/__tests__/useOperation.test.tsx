import { OpwireError } from '@opwire/client';
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type OperationState, useOperation } from '../index.js';
import { renderWithClient } from './support/render.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

interface ImportResult {
  imported: number;
}

interface OperationProps {
  id: string | null;
  onRender: (state: OperationState<ImportResult>) => void;
}

function Operation({ id, onRender }: OperationProps) {
  const state = useOperation<ImportResult>(id);
  onRender(state);
  return <p data-testid="status">{state.status}</p>;
}

/** Renders `useOperation(id)` and records every state it rendered. */
function renderOperation(operationId: string | null, strict = false) {
  const client = app.client();
  const states: Array<OperationState<ImportResult>> = [];
  const onRender = (state: OperationState<ImportResult>) => states.push(state);
  const view = renderWithClient(<Operation id={operationId} onRender={onRender} />, {
    client,
    strict,
  });
  return { client, view, states, latest: () => states.at(-1) as OperationState<ImportResult> };
}

describe('useOperation', () => {
  it('is idle for a null id and follows nothing', () => {
    const { client, latest } = renderOperation(null);
    expect(latest()).toMatchObject({ operationId: null, status: 'idle', isActive: false });
    expect(latest().snapshot).toBeNull();
    expect(client.debug().operations).toEqual([]);
  });

  it('follows an operation from loading to its typed result', async () => {
    const op = app.server.opwire.operation.start('import', {
      audience: { user: 'u1' },
      title: 'User import',
      stages: ['parsing', 'importing'],
    });
    const { view, states, latest } = renderOperation(op.id);
    expect(states[0]).toMatchObject({ operationId: op.id, status: 'loading', isActive: false });
    await waitFor(() => expect(latest().status).toBe('running'));

    op.stage('parsing', 'Reading the file');
    op.progress(40, 'Parsed 400 rows', { rows: 400 });
    await waitFor(() => expect(latest().percent).toBe(40));
    expect(latest()).toMatchObject({
      status: 'running',
      isActive: true,
      stage: 'parsing',
      message: 'Parsed 400 rows',
      title: 'User import',
      details: { rows: 400 },
      error: null,
      result: null,
    });

    op.complete({ imported: 1000 }, 'Imported 1000 rows');
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('succeeded'));
    const done = latest();
    expect(done).toMatchObject({ status: 'succeeded', isActive: false, percent: 100 });
    expect(done.result?.imported).toBe(1000);
    expect(done.timeLeftMs).toBe(0);
    expect(done.snapshot?.result).toEqual({ imported: 1000 });
  });

  it('gives a failed operation an operation_failed error with the job’s message', async () => {
    const op = app.server.opwire.operation.start('import', { audience: { user: 'u1' } });
    const { latest } = renderOperation(op.id);
    await waitFor(() => expect(latest().status).toBe('running'));
    op.fail(new Error('The file has no header row'));
    await waitFor(() => expect(latest().status).toBe('failed'));
    expect(latest().error).toBeInstanceOf(OpwireError);
    expect(latest().error).toMatchObject({
      code: 'operation_failed',
      message: 'The file has no header row',
      details: { operationId: op.id },
    });
    expect(latest().isActive).toBe(false);
  });

  it('keeps a cancelled operation free of error', async () => {
    const op = app.server.opwire.operation.start('import', { audience: { user: 'u1' } });
    const { latest } = renderOperation(op.id);
    await waitFor(() => expect(latest().status).toBe('running'));
    op.cancel('Stopped by an operator');
    await waitFor(() => expect(latest().status).toBe('cancelled'));
    expect(latest()).toMatchObject({
      error: null,
      isActive: false,
      message: 'Stopped by an operator',
    });
  });

  it('is idle with a not_found error for an unknown id', async () => {
    const { latest } = renderOperation('no-such-operation');
    await waitFor(() => expect(latest().error?.code).toBe('not_found'));
    expect(latest()).toMatchObject({ status: 'idle', isActive: false, snapshot: null });
  });

  it('subscribes once to the operation under StrictMode', async () => {
    const op = app.server.opwire.operation.start('import', { audience: { user: 'u1' } });
    const { client, latest } = renderOperation(op.id, true);
    await waitFor(() => expect(latest().status).toBe('running'));
    expect(client.debug().operations).toEqual([
      expect.objectContaining({ id: op.id, listeners: 1 }),
    ]);
    op.progress(50);
    await waitFor(() => expect(latest().percent).toBe(50));
  });

  it('switches operations when the id changes, releasing the first one', async () => {
    const first = app.server.opwire.operation.start('import', { audience: { user: 'u1' } });
    const second = app.server.opwire.operation.start('export', { audience: { user: 'u1' } });
    first.progress(10);
    second.progress(90);
    const client = app.client();
    let shown: OperationState<ImportResult> | null = null;
    const onRender = (state: OperationState<ImportResult>) => {
      shown = state;
    };
    const view = renderWithClient(<Operation id={first.id} onRender={onRender} />, { client });
    await waitFor(() => expect(shown?.percent).toBe(10));
    view.rerender(<Operation id={second.id} onRender={onRender} />);
    await waitFor(() => expect(shown?.percent).toBe(90));
    expect(shown).toMatchObject({ operationId: second.id });
    const listeners = Object.fromEntries(
      client.debug().operations.map((operation) => [operation.id, operation.listeners]),
    );
    expect(listeners).toEqual({ [first.id]: 0, [second.id]: 1 });
  });
});
