import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type ActiveOperationsState, useActiveOperations } from '../index.js';
import { renderWithClient } from './support/render.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

function Active({ onRender }: { onRender: (state: ActiveOperationsState) => void }) {
  const state = useActiveOperations();
  onRender(state);
  return (
    <ul>
      {state.operations.map((operation) => (
        <li key={operation.id} data-testid="operation">
          {operation.title} {operation.percent}%
        </li>
      ))}
    </ul>
  );
}

function renderActive(strict = false) {
  const client = app.client();
  const states: ActiveOperationsState[] = [];
  const view = renderWithClient(<Active onRender={(state) => states.push(state)} />, {
    client,
    strict,
  });
  return { client, view, states, latest: () => states.at(-1) as ActiveOperationsState };
}

describe('useActiveOperations', () => {
  it('restores operations that were running before the page loaded', async () => {
    const export1 = app.server.opwire.operation.start('export', {
      audience: { user: 'u1' },
      title: 'Export',
    });
    export1.progress(30);
    const other = app.server.opwire.operation.start('export', {
      audience: { user: 'someone-else' },
    });
    const { view, latest, states } = renderActive();
    expect(states[0]).toMatchObject({ operations: [], isLoading: true, error: null });

    await waitFor(() => expect(latest().isLoading).toBe(false));
    await waitFor(() => expect(view.getAllByTestId('operation')).toHaveLength(1));
    expect(view.getByTestId('operation').textContent).toBe('Export 30%');
    expect(latest().operations.map((operation) => operation.id)).not.toContain(other.id);
  });

  it('adds operations as they start, updates them and drops them when they end', async () => {
    const { client, view, latest } = renderActive();
    await waitFor(() => expect(latest().isLoading).toBe(false));
    await waitFor(() => expect(client.status).toBe('connected'));
    expect(latest().operations).toEqual([]);

    const op = app.server.opwire.operation.start('import', {
      audience: { user: 'u1' },
      title: 'Import',
    });
    await waitFor(() => expect(view.getByTestId('operation').textContent).toBe('Import 0%'));
    op.progress(75);
    await waitFor(() => expect(view.getByTestId('operation').textContent).toBe('Import 75%'));
    op.complete();
    await waitFor(() => expect(view.queryAllByTestId('operation')).toHaveLength(0));
  });

  it('asks the server again after a reconnect', async () => {
    const { client, view, latest } = renderActive();
    await waitFor(() => expect(latest().isLoading).toBe(false));
    const active = client.operations.active.bind(client.operations);
    let asked = 0;
    client.operations.active = () => {
      asked += 1;
      return active();
    };
    app.server.dropConnections();
    await waitFor(() => expect(asked).toBe(1));
    await waitFor(() => expect(client.status).toBe('connected'));
    expect(view.queryAllByTestId('operation')).toHaveLength(0);
  });

  it('sends one request under StrictMode', async () => {
    const client = app.client();
    await waitFor(() => expect(client.status).toBe('connected'));
    const active = client.operations.active.bind(client.operations);
    let asked = 0;
    client.operations.active = () => {
      asked += 1;
      return active();
    };
    let shown: ActiveOperationsState | null = null;
    renderWithClient(<Active onRender={(state) => (shown = state)} />, { client, strict: true });
    await waitFor(() => expect(shown?.isLoading).toBe(false));
    expect(asked).toBe(1);
  });
});
