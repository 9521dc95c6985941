import { encodeOperationEvent, type OperationEvent } from '@opwire/protocol';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFactory } from './support/clients.js';
import { startWireServer } from './support/wireServer.js';

// A server of this version sends the events one write stored (a batch of progress) as several
// frames in one `opwire:op` packet; the client reads every frame, in order.

const clients = clientFactory();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  clients.closeAll();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const ts = Date.now();
const events: OperationEvent[] = [
  {
    operationId: 'op-batch',
    seq: 1,
    ts,
    topic: 'operation.started',
    payload: {
      type: 'user-import',
      status: 'running',
      title: 'Importing users',
      stages: null,
      audience: [],
      tables: [],
      estimatedDurationMs: null,
      stage: null,
      message: null,
    },
  },
  { operationId: 'op-batch', seq: 2, ts, topic: 'operation.progress', payload: { percent: 10 } },
  { operationId: 'op-batch', seq: 3, ts, topic: 'operation.progress', payload: { percent: 20 } },
  {
    operationId: 'op-batch',
    seq: 4,
    ts,
    topic: 'operation.progress',
    payload: { percent: 30, message: 'rows', details: { rows: 3 } },
  },
  { operationId: 'op-batch', seq: 5, ts, topic: 'operation.completed', payload: { result: 3 } },
];

describe('operation events packed into one packet', () => {
  it('applies every frame of a packet, in order', async () => {
    const { io, url, close } = await startWireServer(2);
    cleanups.push(close);

    const { client } = clients.create({ url });
    const seen: string[] = [];
    client.subscribe('operation.*', (_payload, message) => {
      seen.push(`${message.topic}#${message.seq}`);
    });
    await waitFor(() => client.status === 'connected', 'connected');
    const handle = client.operation('op-batch');
    const [first, ...rest] = events.map(encodeOperationEvent);
    io.to('user:u1').emit('opwire:op', first);
    io.to('user:u1').emit('opwire:op', ...rest);

    expect(await handle.done).toBe(3);
    expect(handle.getSnapshot()).toMatchObject({ status: 'succeeded', seq: 5 });
    expect(seen).toEqual([
      'operation.started#1',
      'operation.progress#2',
      'operation.progress#3',
      'operation.progress#4',
      'operation.completed#5',
    ]);
  });
});
