import { type OpwireClient, OpwireError } from '@opwire/client';
import { signToken } from '@opwire/test-kit/tokens';
import { render, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { OpwireProvider, useConnectionStatus, useOpwire } from '../index.js';
import { TEST_CLIENT_OPTIONS } from './support/clients.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

const rendered: string[] = [];

function Status() {
  const { status } = useConnectionStatus();
  rendered.push(status);
  return <p data-testid="status">{status}</p>;
}

/** Hands the provider's client to the test. */
function ClientProbe({ onClient }: { onClient: (client: OpwireClient) => void }) {
  onClient(useOpwire());
  return <Status />;
}

function Orphan({ onError }: { onError: (error: unknown) => void }) {
  try {
    // biome-ignore lint/correctness/useHookAtTopLevel: the test catches what the hook throws.
    useOpwire();
  } catch (error) {
    onError(error);
  }
  return null;
}

describe('OpwireProvider and useOpwire', () => {
  it('throws a readable OpwireError outside a provider', () => {
    let thrown: unknown;
    render(
      <Orphan
        onError={(error) => {
          thrown = error;
        }}
      />,
    );
    expect(thrown).toBeInstanceOf(OpwireError);
    expect(thrown).toMatchObject({ code: 'invalid_option' });
    expect((thrown as Error).message).toMatch(
      /useOpwire\(\) was called outside <OpwireProvider>.*client=\{client\}/,
    );
  });

  it('hands down the app’s client and leaves its connection alone on unmount', async () => {
    const client = app.client();
    const seen: { client?: OpwireClient } = {};
    const view = render(
      <OpwireProvider client={client}>
        <ClientProbe onClient={(given) => (seen.client = given)} />
      </OpwireProvider>,
    );
    expect(seen.client).toBe(client);
    await waitFor(() => expect(client.status).toBe('connected'));
    view.unmount();
    expect(client.status).toBe('connected');
  });

  it('creates, connects and closes its own client from options', async () => {
    rendered.length = 0;
    const seen: { client?: OpwireClient } = {};
    const view = render(
      <OpwireProvider options={{ url: app.server.url, token: signToken(), ...TEST_CLIENT_OPTIONS }}>
        <ClientProbe onClient={(client) => (seen.client = client)} />
      </OpwireProvider>,
    );
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('connected'));
    await waitFor(() => expect(app.server.opwire.stats().connections.authenticated).toBe(1));
    // Created unconnected, it never showed `disconnected` before the provider connected it.
    expect([...new Set(rendered)]).toEqual(['connecting', 'connected']);
    view.unmount();
    expect(seen.client?.status).toBe('disconnected');
    await waitFor(() => expect(app.server.opwire.stats().connections.authenticated).toBe(0));
  });

  it('keeps one live connection for an owned client under StrictMode', async () => {
    const view = render(
      <StrictMode>
        <OpwireProvider
          options={{ url: app.server.url, token: signToken(), ...TEST_CLIENT_OPTIONS }}
        >
          <Status />
        </OpwireProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('connected'));
    // The first mount's connection is closed by StrictMode's unmount; one remains.
    await waitFor(() => expect(app.server.opwire.stats().connections.authenticated).toBe(1));
    await waitFor(() => expect(app.server.tcp.open).toBe(1));
    view.unmount();
    await waitFor(() => expect(app.server.tcp.open).toBe(0));
  });

  it('leaves an owned client unconnected with autoConnect: false, and still closes it', async () => {
    const seen: { client?: OpwireClient } = {};
    const view = render(
      <OpwireProvider options={{ url: app.server.url, token: signToken(), autoConnect: false }}>
        <ClientProbe onClient={(client) => (seen.client = client)} />
      </OpwireProvider>,
    );
    const client = seen.client;
    expect(client?.status).toBe('disconnected');
    client?.connect();
    await waitFor(() => expect(client?.status).toBe('connected'));
    view.unmount();
    expect(client?.status).toBe('disconnected');
  });
});
