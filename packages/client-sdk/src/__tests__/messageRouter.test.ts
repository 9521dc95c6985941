import {
  type Envelope,
  encodeOperationEvent,
  type OperationEvent,
  PROTOCOL_VERSION,
} from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import { routeMessage, routeOperationFrame } from '../messageRouter.js';

function collect(raw: unknown) {
  const seen = {
    events: [] as OperationEvent[],
    dispatched: [] as string[],
    toasts: [] as unknown[],
    refreshes: [] as unknown[],
    errors: [] as string[],
  };
  routeMessage(raw, {
    applyOperationEvent: (event) => seen.events.push(event),
    dispatch: (message: Envelope) => seen.dispatched.push(message.topic),
    toast: (toast) => seen.toasts.push(toast),
    tableRefresh: (payload) => seen.refreshes.push(payload),
    onError: (error) => seen.errors.push(String((error as Error).message)),
  });
  return seen;
}

const envelope = (topic: string, payload: unknown, extra: object = {}) => ({
  v: PROTOCOL_VERSION,
  topic,
  payload,
  ts: 1,
  ...extra,
});

describe('routeMessage', () => {
  it('hands operation events to the store only, not straight to subscribers', () => {
    const seen = collect(
      envelope('operation.progress', { percent: 5 }, { operationId: 'op1', seq: 2 }),
    );
    expect(seen.events).toEqual([
      { operationId: 'op1', seq: 2, ts: 1, topic: 'operation.progress', payload: { percent: 5 } },
    ]);
    expect(seen.dispatched).toEqual([]);
  });

  it('routes toasts and table refreshes, and dispatches them and app events to subscribers', () => {
    const toast = collect(envelope('toast', { title: 'Hi', type: 'info' }));
    expect(toast.toasts).toEqual([{ title: 'Hi', type: 'info' }]);
    expect(toast.dispatched).toEqual(['toast']);
    const refresh = collect(envelope('table.refresh', { tables: ['users'], action: 'update' }));
    expect(refresh.refreshes).toEqual([{ tables: ['users'], action: 'update' }]);
    expect(collect(envelope('data.product.updated', { id: 1 })).dispatched).toEqual([
      'data.product.updated',
    ]);
  });

  it('reports and drops what does not fit the protocol', () => {
    for (const raw of [
      null,
      'text',
      { topic: 'x', payload: 1 },
      envelope('x', 1, { v: 3 }),
      envelope('operation.progress', { percent: 'half' }, { operationId: 'op1', seq: 2 }),
      envelope('operation.completed', {}, { seq: 3 }),
    ]) {
      const seen = collect(raw);
      expect(seen.errors).toHaveLength(1);
      expect(seen.errors[0]).toMatch(/versions match/);
      expect(seen.events).toEqual([]);
      expect(seen.dispatched).toEqual([]);
    }
    expect(collect(envelope('toast', { title: 'no type' })).toasts).toEqual([]);
  });
});

describe('a server of protocol version 1', () => {
  it('still has its operation envelopes applied', () => {
    const seen = collect({
      ...envelope('operation.progress', { percent: 7 }, { operationId: 'op1', seq: 2 }),
      v: 1,
    });
    expect(seen.events).toEqual([
      { operationId: 'op1', seq: 2, ts: 1, topic: 'operation.progress', payload: { percent: 7 } },
    ]);
    expect(seen.errors).toEqual([]);
  });
});

describe('routeOperationFrame', () => {
  function route(frame: unknown) {
    const seen = { events: [] as OperationEvent[], errors: [] as string[] };
    routeOperationFrame(frame, {
      applyOperationEvent: (event) => seen.events.push(event),
      onError: (error) => seen.errors.push(String((error as Error).message)),
    });
    return seen;
  }

  it('hands a decoded frame to the store', () => {
    const event: OperationEvent = {
      operationId: 'op1',
      seq: 3,
      ts: 9,
      topic: 'operation.progress',
      payload: { percent: 30, stage: 'importing' },
    };
    expect(route(JSON.parse(JSON.stringify(encodeOperationEvent(event))))).toEqual({
      events: [event],
      errors: [],
    });
  });

  it('reports and drops a frame that is not a valid event', () => {
    for (const frame of [null, [], [1, 'op1', 0, 9, 30], [9, 'op1', 2, 9, {}], { 0: 1 }]) {
      const seen = route(frame);
      expect(seen.events).toEqual([]);
      expect(seen.errors).toHaveLength(1);
      expect(seen.errors[0]).toMatch(/versions match/);
    }
  });
});
