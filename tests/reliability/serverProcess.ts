// An opwire server in its own process, so its memory and handles can be measured alone.

import { memoryStore } from '@opwire/server';
import { startTestServer } from '@opwire/test-kit/testServer';
import { activeResources, settledHeap } from './gc.js';

const server = await startTestServer({
  rooms: { 'chat:{id}': ({ params }) => params.id === '1' },
  limits: JSON.parse(process.env.OPWIRE_LIMITS ?? '{}'),
  store: memoryStore({ ttlMs: Number(process.env.OPWIRE_TTL_MS ?? 3_600_000) }),
});

process.on('message', async (message: { type: string; tenant?: string; count?: number }) => {
  if (message.type === 'heap') {
    process.send?.({
      type: 'heap',
      heap: await settledHeap(),
      resources: activeResources(),
      prototypeKeys: Object.getOwnPropertyNames(Object.prototype).sort(),
      polluted: 'room' in {} || 'admin' in {},
    });
  }
  if (message.type === 'sweep') {
    // Any read lets the memory store drop operations whose TTL has passed.
    const left = await server.opwire.operation.list({ status: 'all', limit: 1_000_000 });
    process.send?.({ type: 'sweep', left: left.length });
  }
  if (message.type === 'stats') process.send?.({ type: 'stats', stats: server.opwire.stats() });
  if (message.type === 'listeners') {
    const http = server.http;
    const namespace = server.opwire.io.of('/');
    process.send?.({
      type: 'listeners',
      counts: {
        request: http.listenerCount('request'),
        upgrade: http.listenerCount('upgrade'),
        connection: http.listenerCount('connection'),
        namespaceConnection: namespace.listenerCount('connection'),
        sockets: namespace.sockets.size,
        engineClients: server.opwire.io.engine.clientsCount,
        adapterRooms: namespace.adapter.rooms.size,
      },
    });
  }
  if (message.type === 'operations') {
    const ids: string[] = [];
    for (let i = 0; i < (message.count ?? 1); i += 1) {
      const op = server.opwire.operation.start('probe', {
        audience: { tenant: message.tenant ?? 'acme' },
      });
      op.progress(50);
      op.complete({ i });
      await op.done;
      ids.push(op.id);
    }
    process.send?.({ type: 'operations', ids });
  }
});
process.send?.({ type: 'ready', url: server.url });
