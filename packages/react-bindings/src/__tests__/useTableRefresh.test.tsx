import type { TableRefreshPayload } from '@opwire/client';
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type TableRefetch, useTableRefresh } from '../index.js';
import { renderWithClient } from './support/render.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

/** A refetch that records each call, and whose promise the test settles. */
function controlledRefetch() {
  const calls: Array<readonly TableRefreshPayload[]> = [];
  const finishers: Array<() => void> = [];
  return {
    calls,
    refetch: (refreshes: readonly TableRefreshPayload[]) => {
      calls.push(refreshes);
      return new Promise<void>((resolve) => finishers.push(resolve));
    },
    finish: () => finishers.shift()?.(),
  };
}

function UsersTable({ refetch }: { refetch: TableRefetch }) {
  useTableRefresh('users', refetch);
  return null;
}

async function renderRefresh(
  refetch: (refreshes: readonly TableRefreshPayload[]) => unknown,
  strict = false,
) {
  const client = app.client();
  await waitFor(() => expect(client.status).toBe('connected'));
  renderWithClient(<UsersTable refetch={refetch} />, { client, strict });
  await waitFor(() => expect(client.debug().tableRefreshTables).toEqual(['users']));
  return client;
}

const refresh = (ids: string[], tables = ['users']) =>
  app.server.opwire.refreshTables({ user: 'u1' }, tables, { action: 'update', ids });

const idsOf = (calls: Array<readonly TableRefreshPayload[]>) =>
  calls.map((refreshes) => refreshes.flatMap((payload) => (payload.ids ?? []).map(String)));

describe('useTableRefresh', () => {
  it('coalesces refreshes that arrive together into one refetch', async () => {
    const { calls, refetch, finish } = controlledRefetch();
    await renderRefresh(refetch);
    for (let index = 1; index <= 5; index += 1) refresh([`u${index}`]);
    await waitFor(() => expect(calls).toHaveLength(1));
    finish();
    // A later refresh gets its own refetch, and none came in between.
    refresh(['later']);
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(idsOf(calls)).toEqual([['u1', 'u2', 'u3', 'u4', 'u5'], ['later']]);
  });

  it('gives refreshes that arrive during a refetch exactly one more refetch after it', async () => {
    const { calls, refetch, finish } = controlledRefetch();
    const client = await renderRefresh(refetch);
    refresh(['u1']);
    await waitFor(() => expect(calls).toHaveLength(1));

    // A second listener on the same client shows when the hook has received the refreshes.
    const seen: string[] = [];
    client.onTableRefresh('users', (payload) => seen.push(...(payload.ids ?? []).map(String)));
    refresh(['u2']);
    refresh(['u3']);
    refresh(['u4']);
    await waitFor(() => expect(seen).toEqual(['u2', 'u3', 'u4']));
    expect(calls).toHaveLength(1);

    finish();
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(idsOf(calls)).toEqual([['u1'], ['u2', 'u3', 'u4']]);
    finish();
  });

  it('ignores other tables and refetches when an operation declaring the table succeeds', async () => {
    const { calls, refetch } = controlledRefetch();
    await renderRefresh(refetch);
    refresh(['o1'], ['orders']);
    const op = app.server.opwire.operation.start('import', {
      audience: { user: 'u1' },
      tables: ['users'],
    });
    op.complete({ imported: 2 });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.every((payload) => payload.tables.includes('users'))).toBe(true);
    expect(calls[0]?.some((payload) => payload.operationId === op.id)).toBe(true);
  });

  it('listens once under StrictMode and calls the newest refetch', async () => {
    const calls: Array<{ label: string; ids: string[] }> = [];
    const client = app.client();
    await waitFor(() => expect(client.status).toBe('connected'));
    const refetchAs = (label: string) => (refreshes: readonly TableRefreshPayload[]) => {
      calls.push({ label, ids: idsOf([refreshes]).flat() });
    };
    const view = renderWithClient(<UsersTable refetch={refetchAs('first')} />, {
      client,
      strict: true,
    });
    await waitFor(() => expect(client.debug().tableRefreshTables).toEqual(['users']));
    view.rerender(<UsersTable refetch={refetchAs('second')} />);
    refresh(['u1']);
    refresh(['u2']);
    await waitFor(() => expect(calls).toHaveLength(1));
    refresh(['u3']);
    await waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(2));
    // A second listener would have refetched ['u1', 'u2'] twice before ['u3'] came.
    expect(calls).toEqual([
      { label: 'second', ids: ['u1', 'u2'] },
      { label: 'second', ids: ['u3'] },
    ]);
    view.unmount();
    expect(client.debug().tableRefreshTables).toEqual([]);
  });
});
