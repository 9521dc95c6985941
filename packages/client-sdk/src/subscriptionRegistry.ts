import { assertPattern, type Envelope, OpwireError, PatternRegistry } from '@opwire/protocol';
import type { Unsubscribe } from './listenerSet.js';

/**
 * Receives the payload of each message whose topic matches the pattern it
 * was subscribed with, and the whole envelope (`topic`, `ts`, and for
 * operation events `operationId` and `seq`).
 */
export type MessageHandler<TPayload = unknown> = (
  payload: TPayload,
  message: Envelope<TPayload>,
) => void;

/** One pattern and how many handlers listen on it, as shown by `debug()`. */
export interface SubscriptionInfo {
  /** The topic pattern, as subscribed. */
  pattern: string;
  /** How many handlers listen on it. */
  handlers: number;
}

interface Subscription {
  order: number;
  pattern: string;
  handler: MessageHandler;
}

export interface SubscriptionRegistry {
  subscribe(pattern: string, handler: MessageHandler): Unsubscribe;
  /** Calls every handler whose pattern matches, in subscription order; returns how many ran. */
  dispatch(message: Envelope): number;
  list(): SubscriptionInfo[];
  readonly size: number;
}

const MAX_CACHED_TOPICS = 256;

/**
 * Topic subscriptions over the protocol's trie-backed `PatternRegistry`. The
 * server sends every event of the socket's rooms; this is where the client
 * keeps only what it asked for. A handler that throws is reported through
 * `onError` and does not stop the other handlers.
 */
export function createSubscriptionRegistry(
  onError: (error: OpwireError) => void,
): SubscriptionRegistry {
  const registry = new PatternRegistry<Subscription>();
  const counts = new Map<string, number>();
  // Matches per topic, in subscription order, until the subscriptions change: a stream of
  // events mostly repeats a few topics. Bounded, since topics come from the server.
  const matches = new Map<string, Subscription[]>();
  let order = 0;

  function matching(topic: string): Subscription[] {
    let matched = matches.get(topic);
    if (matched === undefined) {
      matched = registry.match(topic).sort((a, b) => a.order - b.order);
      if (matches.size >= MAX_CACHED_TOPICS) matches.clear();
      matches.set(topic, matched);
    }
    return matched;
  }

  return {
    subscribe(pattern, handler) {
      assertPattern(pattern);
      if (typeof handler !== 'function') {
        throw new OpwireError(
          'invalid_option',
          `subscribe("${pattern}", handler) needs a function`,
        );
      }
      order += 1;
      const subscription: Subscription = { order, pattern, handler };
      registry.add(pattern, subscription);
      matches.clear();
      counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        registry.remove(pattern, subscription);
        matches.clear();
        const left = (counts.get(pattern) ?? 1) - 1;
        if (left === 0) counts.delete(pattern);
        else counts.set(pattern, left);
      };
    },
    dispatch(message) {
      const matched = matching(message.topic);
      for (const { pattern, handler } of matched) {
        try {
          handler(message.payload, message);
        } catch (error) {
          onError(
            new OpwireError(
              'internal',
              `A handler subscribed to "${pattern}" threw while handling "${message.topic}"; the other handlers still ran. Fix the handler: ${describe(error)}`,
              { cause: error, details: { pattern, topic: message.topic } },
            ),
          );
        }
      }
      return matched.length;
    },
    list() {
      return [...counts].map(([pattern, handlers]) => ({ pattern, handlers }));
    },
    get size() {
      return registry.size;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
