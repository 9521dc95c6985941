import { OpwireError } from '@opwire/client';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken, TEST_USER } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFactory } from './support/clients.js';

let server: TestServer;
const clients = clientFactory();
const allowed = new Set(['42', '43']);

async function setup() {
  server = await startTestServer({
    progressIntervalMs: 0,
    rooms: { 'chat:{chatId}': ({ params }) => allowed.has(params.chatId ?? '') },
  });
  const made = clients.create({ url: server.url });
  await waitFor(() => made.client.status === 'connected', 'connected');
  let denied = 0;
  server.opwire.events.on('join.denied', () => {
    denied += 1;
  });
  return { ...made, denials: () => denied };
}

/** Emits to a room and waits until the client got it: proof the socket is in the room. */
async function receives(client: TestServerClient, room: string, marker: string) {
  let got = false;
  const off = client.subscribe(`room-check.${marker}`, () => {
    got = true;
  });
  server.opwire.to({ rooms: [room] }).emit(`room-check.${marker}`, {});
  server.opwire.to({ user: 'u1' }).emit('room-check.flush', {});
  let flushed = false;
  const offFlush = client.subscribe('room-check.flush', () => {
    flushed = true;
  });
  await waitFor(() => flushed, 'the flush event');
  off();
  offFlush();
  return got;
}
type TestServerClient = ReturnType<typeof clients.create>['client'];

afterEach(async () => {
  clients.closeAll();
  allowed.clear();
  allowed.add('42');
  allowed.add('43');
  await server?.close();
});

describe('rooms', () => {
  it('joins a room the policy allows and receives its events', async () => {
    const { client } = await setup();
    await client.join('chat:42');
    expect(client.debug().joinedRooms).toEqual(['chat:42']);
    expect(await receives(client, 'chat:42', 'a')).toBe(true);
  });

  it('rejects a refused room with an OpwireError carrying the server code', async () => {
    const { client } = await setup();
    const error = await client.join('chat:99').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpwireError);
    expect(error).toMatchObject({ code: 'forbidden' });
    expect(client.debug().joinedRooms).toEqual([]);
  });

  it('refuses a malformed room name before sending it', async () => {
    const { client, denials } = await setup();
    await expect(client.join('chat:4 2')).rejects.toMatchObject({ code: 'invalid_request' });
    expect(denials()).toBe(0);
  });

  it('re-joins its rooms after a reconnect', async () => {
    const { client } = await setup();
    await client.join('chat:42');
    server.dropConnections();
    await waitFor(() => client.status === 'reconnecting', 'the drop');
    await waitFor(() => client.status === 'connected', 'the reconnect');
    await waitFor(() => receives(client, 'chat:42', 'b'), 'the room to be re-joined');
  });

  it('reports a room refused on re-join once, drops it and does not retry it', async () => {
    const { client, errors, denials } = await setup();
    await client.join('chat:42');
    await client.join('chat:43');
    allowed.delete('43');
    server.dropConnections();
    await waitFor(() => errors.length === 1, 'the re-join refusal');
    expect(errors[0]).toMatchObject({ code: 'forbidden', details: { room: 'chat:43' } });
    expect(errors[0]?.message).toMatch(/could not be joined again after reconnecting/);
    expect(client.debug().joinedRooms).toEqual(['chat:42']);

    server.dropConnections();
    await waitFor(() => client.status === 'reconnecting', 'the second drop');
    await waitFor(() => client.status === 'connected', 'the second reconnect');
    await waitFor(() => receives(client, 'chat:42', 'c'), 'chat:42 to be re-joined');
    expect(denials()).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('does not re-join a room it left', async () => {
    const { client } = await setup();
    await client.join('chat:42');
    await client.leave('chat:42');
    expect(await receives(client, 'chat:42', 'd')).toBe(false);
    server.dropConnections();
    await waitFor(() => client.status === 'reconnecting', 'the drop');
    await waitFor(() => client.status === 'connected', 'the reconnect');
    expect(await receives(client, 'chat:42', 'e')).toBe(false);
    expect(client.debug().joinedRooms).toEqual([]);
  });

  it('forgets a room the server drops when a renewed token no longer allows it', async () => {
    server = await startTestServer({
      progressIntervalMs: 0,
      rooms: { 'chat:{chatId}': ({ principal }) => principal.roles.includes('chat') },
    });
    let calls = 0;
    const { client, errors } = clients.create({
      url: server.url,
      reauthMarginMs: 1_000,
      token: () => {
        calls += 1;
        return calls === 1
          ? signToken({ ...TEST_USER, roles: ['chat'] }, { expiresInSec: 2 })
          : signToken({ ...TEST_USER, roles: [] });
      },
    });
    await waitFor(() => client.status === 'connected', 'connected');
    await client.join('chat:7');
    await waitFor(() => errors.length === 1, 'the room to be dropped', 5_000);
    expect(errors[0]).toMatchObject({ code: 'forbidden', details: { room: 'chat:7' } });
    expect(client.debug().joinedRooms).toEqual([]);
    expect(client.debug().serverRooms).not.toContain('chat:7');
  });
});
