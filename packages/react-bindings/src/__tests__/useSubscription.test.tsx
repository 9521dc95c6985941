import type { Envelope } from '@opwire/client';
import { waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useSubscription } from '../index.js';
import { renderWithClient } from './support/render.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

interface Product {
  id: string;
}

interface ProductsProps {
  pattern?: string | null;
  onProduct?: (product: Product, message: Envelope<Product>) => void;
}

function Products({ pattern = 'data.product.*', onProduct = () => {} }: ProductsProps) {
  useSubscription<Product>(pattern, onProduct);
  return null;
}

async function connectedClient() {
  const client = app.client();
  await waitFor(() => expect(client.status).toBe('connected'));
  return client;
}

describe('useSubscription', () => {
  it('delivers matching server events with their envelope', async () => {
    const client = await connectedClient();
    const received: Array<{ product: Product; topic: string }> = [];
    renderWithClient(
      <Products
        onProduct={(product, message) => received.push({ product, topic: message.topic })}
      />,
      { client },
    );
    await waitFor(() => expect(client.debug().subscriptions).toHaveLength(1));

    app.server.opwire.to({ user: 'u1' }).emit('data.product.updated', { id: 'p1' });
    app.server.opwire.to({ user: 'u1' }).emit('data.order.updated', { id: 'o1' });
    app.server.opwire.to({ user: 'u1' }).emit('data.product.deleted', { id: 'p2' });
    await waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual([
      { product: { id: 'p1' }, topic: 'data.product.updated' },
      { product: { id: 'p2' }, topic: 'data.product.deleted' },
    ]);
  });

  it('calls the newest handler without subscribing again on re-render', async () => {
    const client = await connectedClient();
    const calls: string[] = [];
    const handlerAs = (label: string) => (product: Product) => calls.push(`${label}:${product.id}`);
    const view = renderWithClient(<Products onProduct={handlerAs('first')} />, { client });
    await waitFor(() => expect(client.debug().subscriptions).toHaveLength(1));
    const subscribe = vi.spyOn(client, 'subscribe');

    view.rerender(<Products onProduct={handlerAs('second')} />);
    app.server.opwire.to({ user: 'u1' }).emit('data.product.updated', { id: 'p1' });
    await waitFor(() => expect(calls).toEqual(['second:p1']));
    expect(subscribe).not.toHaveBeenCalled();
    expect(client.debug().subscriptions).toEqual([{ pattern: 'data.product.*', handlers: 1 }]);
  });

  it('subscribes once under StrictMode and handles each event once', async () => {
    const client = await connectedClient();
    let handled = 0;
    const onProduct = () => {
      handled += 1;
    };
    renderWithClient(<Products onProduct={onProduct} />, { client, strict: true });
    await waitFor(() => expect(client.debug().subscriptions).toHaveLength(1));
    expect(client.debug().subscriptions[0]).toMatchObject({ handlers: 1 });

    // Subscribed after the component, so once it sees the marker the component saw both events.
    let sawMarker = false;
    client.subscribe('data.product.marker', () => {
      sawMarker = true;
    });
    app.server.opwire.to({ user: 'u1' }).emit('data.product.updated', { id: 'p1' });
    app.server.opwire.to({ user: 'u1' }).emit('data.product.marker', { id: 'end' });
    await waitFor(() => expect(sawMarker).toBe(true));
    expect(handled).toBe(2);
  });

  it('unsubscribes on unmount, and subscribes to nothing for a null pattern', async () => {
    const client = await connectedClient();
    const view = renderWithClient(<Products pattern={null} />, { client });
    expect(client.debug().subscriptions).toEqual([]);
    view.rerender(<Products pattern="data.**" />);
    await waitFor(() => expect(client.debug().subscriptions).toHaveLength(1));
    view.rerender(<Products pattern="chat.*" />);
    await waitFor(() =>
      expect(client.debug().subscriptions).toEqual([{ pattern: 'chat.*', handlers: 1 }]),
    );
    view.unmount();
    expect(client.debug().subscriptions).toEqual([]);
  });
});
