import type { MessageHandler } from '@opwire/client';
import { useEffect } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { useLatest } from './useLatest.js';

/**
 * Calls `handler(payload, message)` for every message whose topic matches
 * `pattern` (`*` one segment, `**` any number), while the component is
 * mounted. The subscription is made once per `pattern`; the newest `handler`
 * is always the one called, so an inline function does not re-subscribe on
 * every render. `null` subscribes to nothing.
 *
 * @example
 * useSubscription<{ id: string }>('data.product.*', (product, message) => {
 *   console.log(message.topic, product.id);
 * });
 */
export function useSubscription<TPayload = unknown>(
  pattern: string | null,
  handler: MessageHandler<TPayload>,
): void {
  const { client } = useOpwireContext('useSubscription()');
  const latest = useLatest(handler);
  useEffect(() => {
    if (pattern === null) return;
    return client.subscribe<TPayload>(pattern, (payload, message) =>
      latest.current(payload, message),
    );
  }, [client, pattern, latest]);
}
