import type { INestApplication } from '@nestjs/common';
import { createOpwireClient, type OpwireClient } from '@opwire/client';
import { signToken } from '@opwire/test-kit/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpwireService } from '../index.js';
import { gate, ImportsAppModule, TracingInterceptor } from './support/importsApp.js';
import { startNestApp } from './support/nestApp.js';

let app: INestApplication;
let url: string;
const clients: OpwireClient[] = [];

beforeAll(async () => {
  // A global prefix: opwire's routes must still be found under it.
  ({ app, url } = await startNestApp(ImportsAppModule, (nest) => nest.setGlobalPrefix('v1')));
});

afterAll(async () => {
  for (const client of clients) client.close();
  await app?.close();
});

const bearer = (user: string) => ({
  authorization: `Bearer ${signToken({ sub: user, tid: 'acme' })}`,
});

function connect(user: string): OpwireClient {
  const client = createOpwireClient({
    url,
    token: signToken({ sub: user, tid: 'acme' }),
    transports: ['websocket'],
  });
  clients.push(client);
  return client;
}

async function startImport(user: string): Promise<string> {
  const response = await fetch(`${url}/v1/imports`, { method: 'POST', headers: bearer(user) });
  expect(response.status).toBe(202);
  return ((await response.json()) as { operationId: string }).operationId;
}

describe('OpwireModule.forRootAsync on Nest’s own HTTP server', () => {
  it('gives controllers the principal of the same auth, and refuses bad credentials', async () => {
    const me = await fetch(`${url}/v1/imports/me`, { headers: bearer('alice') });
    expect(await me.json()).toEqual({ userId: 'alice', tenantId: 'acme', roles: [] });
    const anonymous = await fetch(`${url}/v1/imports/me`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: expect.stringMatching(/Bearer/) });
    const forged = await fetch(`${url}/v1/imports/me`, {
      headers: { authorization: 'Bearer not.a.token' },
    });
    expect(forged.status).toBe(401);
  });

  it('runs an operation a real client follows to completion over opwire’s own socket server', async () => {
    const client = connect('alice');
    const id = await startImport('alice');
    const handle = client.operation<{ rows: number }>(id);
    await new Promise<void>((resolve) => {
      const stop = handle.subscribe((snapshot) => {
        if (snapshot?.percent === 50) {
          stop();
          resolve();
        }
      });
    });
    gate.open();
    await expect(handle.done).resolves.toEqual({ rows: 2 });
  });

  it('serves opwire’s HTTP routes through Nest: global guards and interceptors apply', async () => {
    const id = await startImport('bob');
    const list = await fetch(`${url}/v1/opwire/api/operations`, { headers: bearer('bob') });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-handled-by')).toBe('OpwireHttpController.list');
    const { operations } = (await list.json()) as { operations: Array<{ id: string }> };
    expect(operations.map((operation) => operation.id)).toEqual([id]);
    expect(TracingInterceptor.completed).toContain('OpwireHttpController.list sent=true');

    const blocked = await fetch(`${url}/v1/opwire/api/operations/${id}`, {
      headers: { ...bearer('bob'), 'x-blocked': 'yes' },
    });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ message: 'blocked by the app' });

    // opwire's own answers come back unchanged: its auth, visibility and errors.
    const anonymous = await fetch(`${url}/v1/opwire/api/operations/${id}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const other = await fetch(`${url}/v1/opwire/api/operations/${id}`, { headers: bearer('eve') });
    expect(other.status).toBe(404);

    const cancel = await fetch(`${url}/v1/opwire/api/operations/${id}/cancel`, {
      method: 'POST',
      headers: { ...bearer('bob'), 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'changed my mind' }),
    });
    expect(cancel.status).toBe(202);
    const read = await fetch(`${url}/v1/opwire/api/operations/${id}`, { headers: bearer('bob') });
    expect(read.headers.get('x-handled-by')).toBe('OpwireHttpController.get');
    expect(await read.json()).toMatchObject({
      snapshot: { id, status: 'cancelled', message: 'changed my mind' },
    });
  });

  it('leaves routes opwire does not have to Nest', async () => {
    const response = await fetch(`${url}/v1/opwire/api/nothing-here`, { headers: bearer('bob') });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404 });
  });

  it('closes opwire when the app shuts down; clients still get the last events', async () => {
    const client = connect('carol');
    const id = await startImport('carol');
    const handle = client.operation(id);
    await new Promise<void>((resolve) => {
      const stop = handle.subscribe((snapshot) => {
        if (snapshot?.status === 'running') {
          stop();
          resolve();
        }
      });
    });
    const service = app.get(OpwireService);
    const ended = new Promise<string | undefined>((resolve) =>
      service.opwire.events.on('operation.ended', (snapshot) => {
        if (snapshot.id === id) resolve(snapshot.error?.code);
      }),
    );
    await app.close();
    expect(await ended).toBe('owner_shutdown');
    await expect(handle.done).rejects.toBeInstanceOf(Error);
    expect(handle.getSnapshot()).toMatchObject({
      status: 'failed',
      error: { code: 'owner_shutdown' },
    });
  });
});
