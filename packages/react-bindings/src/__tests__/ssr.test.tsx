import type { OpwireClient, OpwireClientInit } from '@opwire/client';
import { signToken } from '@opwire/test-kit/tokens';
import { act, waitFor } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  OpwireProvider,
  ProgressTracker,
  useActiveOperations,
  useConnectionStatus,
  useLiveOperation,
  useOperation,
  useOperationToasts,
  useOpwire,
  useRecentOperations,
  useSubscription,
  useTableRefresh,
} from '../index.js';
import { postJson } from './support/appServer.js';
import { TEST_CLIENT_OPTIONS } from './support/clients.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

/** A page that uses every hook and the tracker, and records the client it was given. */
function Page({ onClient }: { onClient: (client: OpwireClient) => void }) {
  onClient(useOpwire());
  const connection = useConnectionStatus();
  useSubscription('data.**', () => {});
  const operation = useOperation('op-from-the-url');
  const [live] = useLiveOperation({
    key: 'ssr-page',
    start: () => postJson<{ operationId: string }>(`${app.server.url}/jobs`),
  });
  const { operations, isLoading } = useActiveOperations();
  const recent = useRecentOperations();
  useTableRefresh('users', () => {});
  useOperationToasts({ show: () => {} });
  return (
    <main>
      <p id="connection">{connection.status}</p>
      <p id="operation">{operation.status}</p>
      <p id="live">{live.status}</p>
      <p id="active">{`${operations.length} running, loading: ${isLoading}`}</p>
      <p id="recent">{`${recent.length} ended`}</p>
      <ProgressTracker operationId={null} />
    </main>
  );
}

/** Proves the server saw no connection: a probe request is the first thing it accepts. */
async function expectNoConnectionYet() {
  await postJson(`${app.server.url}/jobs`);
  expect(app.server.tcp.accepted).toBe(1);
}

const ownedOptions = (): OpwireClientInit => ({
  url: app.server.url,
  token: signToken(),
  ...TEST_CLIENT_OPTIONS,
});

describe('server rendering', () => {
  it('renders every hook’s initial state and opens no socket (owned client)', async () => {
    let client: OpwireClient | undefined;
    const html = renderToString(
      <OpwireProvider options={ownedOptions()}>
        <Page onClient={(given) => (client = given)} />
      </OpwireProvider>,
    );
    expect(html).toContain('<p id="connection">connecting</p>');
    expect(html).toContain('<p id="operation">loading</p>');
    expect(html).toContain('<p id="live">idle</p>');
    expect(html).toContain('<p id="active">0 running, loading: true</p>');
    expect(html).toContain('<p id="recent">0 ended</p>');
    expect(html).toContain('data-status="idle"');
    expect(html).toContain('role="progressbar"');

    expect(client?.status).toBe('disconnected');
    expect(client?.debug()).toMatchObject({
      subscriptions: [],
      operations: [],
      tableRefreshTables: [],
      joinedRooms: [],
    });
    await expectNoConnectionYet();
  });

  it('leaves an app client untouched: never connected, nothing followed', async () => {
    const client = app.client({ autoConnect: false });
    const statuses: string[] = [];
    client.onStatusChange(({ status }) => statuses.push(status));
    const html = renderToString(
      <OpwireProvider client={client}>
        <Page onClient={() => {}} />
      </OpwireProvider>,
    );
    expect(html).toContain('<p id="live">idle</p>');
    expect(statuses).toEqual([]);
    expect(client.debug()).toMatchObject({
      subscriptions: [],
      operations: [],
      tableRefreshTables: [],
    });
    await expectNoConnectionYet();
  });

  it('hydrates the server markup without mismatch, then connects', async () => {
    const tree = (
      <OpwireProvider options={ownedOptions()}>
        <Page onClient={() => {}} />
      </OpwireProvider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(tree);
    document.body.append(container);
    const recoverable: unknown[] = [];
    const root = await act(async () =>
      hydrateRoot(container, tree, { onRecoverableError: (error) => recoverable.push(error) }),
    );
    await waitFor(() =>
      expect(container.querySelector('#connection')?.textContent).toBe('connected'),
    );
    expect(recoverable).toEqual([]);
    act(() => root.unmount());
    container.remove();
  });
});
