import type { ConnectionStatus, OpwireClient } from '@opwire/client';
import { signToken, TEST_USER } from '@opwire/test-kit/tokens';
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type ConnectionStatusOptions, useConnectionStatus } from '../index.js';
import { renderWithClient } from './support/render.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

interface StatusProps {
  options: ConnectionStatusOptions | undefined;
  onRender: (status: ConnectionStatus) => void;
}

function Status({ options, onRender }: StatusProps) {
  const state = useConnectionStatus(options);
  onRender(state.status);
  return (
    <p data-testid="status" data-connected={String(state.isConnected)}>
      {state.status}
    </p>
  );
}

/** Renders the hook and records every status it rendered, with when. */
function renderStatus(client: OpwireClient, options?: ConnectionStatusOptions) {
  const shown: Array<{ status: ConnectionStatus; at: number }> = [];
  const onRender = (status: ConnectionStatus) => shown.push({ status, at: Date.now() });
  const view = renderWithClient(<Status options={options} onRender={onRender} />, { client });
  return { view, shown, statuses: () => [...new Set(shown.map((entry) => entry.status))] };
}

/** Records the client's own status changes, with when. */
function recordClient(client: OpwireClient) {
  const changes: Array<{ status: ConnectionStatus; at: number }> = [];
  client.onStatusChange(({ status }) => changes.push({ status, at: Date.now() }));
  return changes;
}

describe('useConnectionStatus', () => {
  it('follows the client from connecting to connected, with isConnected', async () => {
    const client = app.client();
    const { view, statuses } = renderStatus(client);
    await waitFor(() => expect(view.getByTestId('status').dataset.connected).toBe('true'));
    expect(statuses()).toEqual(['connecting', 'connected']);
  });

  it('does not flash a short drop shorter than lostAfterMs', async () => {
    const client = app.client();
    const raw = recordClient(client);
    const { view, shown } = renderStatus(client, { lostAfterMs: 5_000 });
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('connected'));
    const before = shown.length;

    app.server.dropConnections();
    await waitFor(() => expect(raw.map((change) => change.status)).toContain('reconnecting'));
    await waitFor(() => expect(raw.at(-1)?.status).toBe('connected'));
    // The client really went through `reconnecting`; the hook never showed it, nor re-rendered.
    expect(shown.slice(before).map((entry) => entry.status)).not.toContain('reconnecting');
    expect(view.getByTestId('status').textContent).toBe('connected');
  });

  it('shows a drop once it lasted lostAfterMs', async () => {
    const client = app.client();
    const raw = recordClient(client);
    const { view, shown } = renderStatus(client, { lostAfterMs: 150 });
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('connected'));

    await app.server.close();
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('reconnecting'));
    const lost = raw.find((change) => change.status === 'reconnecting');
    const shownLost = shown.find((entry) => entry.status === 'reconnecting');
    expect(lost).toBeDefined();
    expect((shownLost?.at ?? 0) - (lost?.at ?? 0)).toBeGreaterThanOrEqual(140);
    expect(view.getByTestId('status').dataset.connected).toBe('false');
  });

  it('shows lostAfterMs: 0 drops at once', async () => {
    const client = app.client();
    const { view, statuses } = renderStatus(client, { lostAfterMs: 0 });
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('connected'));
    app.server.dropConnections();
    await waitFor(() => expect(statuses()).toContain('reconnecting'));
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('connected'));
  });

  it('shows a refused token as unauthorized at once', async () => {
    const client = app.client({ token: signToken(TEST_USER, { secret: 'not-the-secret' }) });
    client.onError(() => {});
    const { view } = renderStatus(client);
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('unauthorized'));
  });

  it('shows close() as disconnected at once', async () => {
    const client = app.client();
    const { view } = renderStatus(client);
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('connected'));
    client.close();
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('disconnected'));
  });
});
