import { type Envelope, OpwireError, PROTOCOL_VERSION } from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import { createSubscriptionRegistry } from '../subscriptionRegistry.js';

const message = (topic: string, payload: unknown = null): Envelope => ({
  v: PROTOCOL_VERSION,
  topic,
  payload,
  ts: 1,
});

describe('subscription registry', () => {
  it('dispatches by exact topic, * and ** patterns, with either separator', () => {
    const registry = createSubscriptionRegistry(() => {});
    const seen: string[] = [];
    registry.subscribe('data.product.updated', () => seen.push('exact'));
    registry.subscribe('data.*.updated', () => seen.push('single'));
    registry.subscribe('data.**', () => seen.push('multi'));
    registry.subscribe('operation.*', () => seen.push('operation'));
    registry.subscribe('**', () => seen.push('all'));

    registry.dispatch(message('data:product:updated'));
    expect(seen).toEqual(['exact', 'single', 'multi', 'all']);

    seen.length = 0;
    registry.dispatch(message('data.product.price.updated'));
    expect(seen).toEqual(['multi', 'all']);

    seen.length = 0;
    registry.dispatch(message('data'));
    expect(seen).toEqual(['multi', 'all']);
  });

  it('hands each handler the payload and the whole envelope', () => {
    const registry = createSubscriptionRegistry(() => {});
    const calls: unknown[][] = [];
    registry.subscribe('chat.*', (payload, envelope) => calls.push([payload, envelope.topic]));
    registry.dispatch(message('chat.message', { text: 'hi' }));
    expect(calls).toEqual([[{ text: 'hi' }, 'chat.message']]);
  });

  it('keeps running the other handlers when one throws, and reports it', () => {
    const errors: OpwireError[] = [];
    const registry = createSubscriptionRegistry((error) => errors.push(error));
    const seen: string[] = [];
    registry.subscribe('a.*', () => seen.push('first'));
    registry.subscribe('a.b', () => {
      throw new Error('boom');
    });
    registry.subscribe('**', () => seen.push('third'));
    expect(registry.dispatch(message('a.b'))).toBe(3);
    expect(seen).toEqual(['first', 'third']);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('"a.b"');
    expect(errors[0]?.message).toContain('boom');
    expect(errors[0]?.details).toEqual({ pattern: 'a.b', topic: 'a.b' });
  });

  it('unsubscribes one subscription at a time, even for the same handler twice', () => {
    const registry = createSubscriptionRegistry(() => {});
    let count = 0;
    const handler = () => {
      count += 1;
    };
    const off1 = registry.subscribe('x.*', handler);
    const off2 = registry.subscribe('x.*', handler);
    registry.dispatch(message('x.y'));
    expect(count).toBe(2);
    off1();
    off1();
    registry.dispatch(message('x.y'));
    expect(count).toBe(3);
    expect(registry.list()).toEqual([{ pattern: 'x.*', handlers: 1 }]);
    off2();
    expect(registry.size).toBe(0);
    expect(registry.list()).toEqual([]);
  });

  it('sees subscriptions made and removed after a topic was dispatched', () => {
    const registry = createSubscriptionRegistry(() => {});
    const seen: string[] = [];
    registry.subscribe('operation.*', () => seen.push('first'));
    registry.dispatch(message('operation.progress'));
    const off = registry.subscribe('operation.**', () => seen.push('second'));
    registry.dispatch(message('operation.progress'));
    off();
    registry.dispatch(message('operation.progress'));
    expect(seen).toEqual(['first', 'first', 'second', 'first']);
  });

  it('still matches every topic when the server sends more topics than it remembers', () => {
    const registry = createSubscriptionRegistry(() => {});
    let count = 0;
    registry.subscribe('bench.*', () => {
      count += 1;
    });
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 600; i += 1) registry.dispatch(message(`bench.topic${i}`));
    }
    expect(count).toBe(1_200);
  });

  it('lets a handler unsubscribe itself during dispatch', () => {
    const registry = createSubscriptionRegistry(() => {});
    let calls = 0;
    const off = registry.subscribe('once', () => {
      calls += 1;
      off();
    });
    registry.dispatch(message('once'));
    registry.dispatch(message('once'));
    expect(calls).toBe(1);
  });

  it('refuses invalid patterns with an invalid_request OpwireError', () => {
    const registry = createSubscriptionRegistry(() => {});
    expect(() => registry.subscribe('data.pro*', () => {})).toThrow(OpwireError);
    try {
      registry.subscribe('a..b', () => {});
    } catch (error) {
      expect((error as OpwireError).code).toBe('invalid_request');
    }
  });
});
