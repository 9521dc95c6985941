import type { TableRefreshPayload, ToastPayload } from '@opwire/client';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

async function connected(init: Parameters<typeof clients.create>[0] = {}) {
  const made = clients.create({ url: server.url, ...init });
  await waitFor(() => made.client.status === 'connected' && made.client.principal, 'connected');
  return made;
}

describe('subscriptions against the real server', () => {
  it('dispatches server events to the matching wildcard patterns only', async () => {
    const { client } = await connected();
    const seen: Record<string, string[]> = { updated: [], data: [], one: [], all: [] };
    client.subscribe('data.*.updated', (_payload, message) => seen.updated?.push(message.topic));
    client.subscribe('data.**', (_payload, message) => seen.data?.push(message.topic));
    client.subscribe('data:product', (_payload, message) => seen.one?.push(message.topic));
    client.subscribe('**', (_payload, message) => seen.all?.push(message.topic));
    let payload: unknown;
    client.subscribe('data.product.updated', (data) => {
      payload = data;
    });

    const to = server.opwire.to({ tenant: 't1' });
    to.emit('data.product.updated', { id: 1 });
    to.emit('data:order:updated', { id: 2 });
    to.emit('data.product', { id: 3 });
    to.emit('data.product.price.changed', { id: 4 });
    to.emit('chat.message', { text: 'hi' });
    to.emit('end', {});
    await waitFor(() => seen.all?.includes('end'), 'the last event');

    expect(seen.updated).toEqual(['data.product.updated', 'data:order:updated']);
    expect(seen.data).toEqual([
      'data.product.updated',
      'data:order:updated',
      'data.product',
      'data.product.price.changed',
    ]);
    expect(seen.one).toEqual(['data.product']);
    expect(seen.all).toHaveLength(6);
    expect(payload).toEqual({ id: 1 });
  });

  it('keeps delivering to other handlers when one throws, and reports the error', async () => {
    const { client, errors } = await connected();
    const seen: number[] = [];
    client.subscribe('data.*', () => {
      throw new Error('handler bug');
    });
    client.subscribe('data.*', (data) => seen.push((data as { n: number }).n));
    server.opwire.to({ user: 'u1' }).emit('data.tick', { n: 1 });
    server.opwire.to({ user: 'u1' }).emit('data.tick', { n: 2 });
    await waitFor(() => seen.length === 2, 'both events');
    expect(errors).toHaveLength(2);
    expect(errors[0]?.message).toContain('handler bug');
  });

  it('delivers nothing from another tenant', async () => {
    const { client } = await connected();
    const other = await connected({ token: signToken({ sub: 'u9', tid: 't2' }) });
    const seenByT1: string[] = [];
    const seenByT2: string[] = [];
    client.subscribe('**', (_p, message) => seenByT1.push(message.topic));
    other.client.subscribe('**', (_p, message) => seenByT2.push(message.topic));
    server.opwire.to({ tenant: 't2' }).emit('secret.t2', {});
    server.opwire.to({ tenant: 't1' }).emit('news.t1', {});
    server.opwire.to({ tenant: 't2' }).emit('news.t2', {});
    await waitFor(
      () => seenByT1.includes('news.t1') && seenByT2.includes('news.t2'),
      'both tenants',
    );
    expect(seenByT1).toEqual(['news.t1']);
    expect(seenByT2).toEqual(['secret.t2', 'news.t2']);
  });
});

describe('toasts and table refreshes', () => {
  it('passes explicit toasts and lifecycle toasts of operations to onToast', async () => {
    const { client } = await connected();
    const toasts: ToastPayload[] = [];
    client.onToast((toast) => toasts.push(toast));
    server.opwire.toast({ user: 'u1' }, { title: 'Hi', type: 'info', message: 'hello' });
    const op = server.opwire.operation.start('export', {
      audience: { user: 'u1' },
      title: 'Export',
    });
    op.progress(50, 'half');
    op.complete({ ok: true });
    await waitFor(() => toasts.length === 3, 'three toasts');
    expect(toasts[0]).toEqual({ title: 'Hi', type: 'info', message: 'hello' });
    expect(toasts[1]).toMatchObject({ id: `operation:${op.id}`, type: 'loading', title: 'Export' });
    expect(toasts[2]).toMatchObject({
      id: `operation:${op.id}`,
      type: 'success',
      operationId: op.id,
    });

    const failing = server.opwire.operation.start('export', { audience: { user: 'u1' } });
    failing.fail(new Error('Disk full'));
    await waitFor(() => toasts.length === 5, 'the failure toasts');
    expect(toasts[4]).toMatchObject({ type: 'error', message: 'Disk full', title: 'export' });
  });

  it('can turn lifecycle toasts off', async () => {
    const { client } = await connected({ operationToasts: false });
    const toasts: ToastPayload[] = [];
    client.onToast((toast) => toasts.push(toast));
    const op = server.opwire.operation.start('export', { audience: { user: 'u1' } });
    op.complete();
    server.opwire.toast({ user: 'u1' }, { title: 'Only me', type: 'success' });
    await waitFor(() => toasts.length === 1, 'the explicit toast');
    expect(toasts[0]?.title).toBe('Only me');
  });

  it('calls onTableRefresh for explicit refreshes and once per completed operation', async () => {
    const { client } = await connected();
    const users: TableRefreshPayload[] = [];
    const orders: TableRefreshPayload[] = [];
    client.onTableRefresh('users', (payload) => users.push(payload));
    client.onTableRefresh('orders', (payload) => orders.push(payload));
    server.opwire.refreshTables({ tenant: 't1' }, ['users'], { action: 'update', ids: [1] });
    const op = server.opwire.operation.start('import', {
      audience: { user: 'u1' },
      tables: ['users'],
    });
    op.complete({ rows: 1 });
    server.opwire.refreshTables({ tenant: 't1' }, ['orders'], { action: 'create', ids: ['o1'] });
    await waitFor(() => orders.length === 1, 'the last refresh');
    expect(users).toEqual([
      { tables: ['users'], action: 'update', ids: [1] },
      { tables: ['users'], action: 'refresh', operationId: op.id },
    ]);
    expect(orders).toEqual([{ tables: ['orders'], action: 'create', ids: ['o1'] }]);
  });
});
