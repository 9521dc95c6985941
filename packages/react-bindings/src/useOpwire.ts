import type { OpwireClient } from '@opwire/client';
import { useOpwireContext } from './opwireContext.js';

/**
 * The client of the nearest `<OpwireProvider>`, for what no hook covers
 * (`join`, `leave`, `debug`, ...). Use it in effects and event handlers.
 * Throws an `OpwireError` (`invalid_option`) outside a provider.
 *
 * @example
 * const client = useOpwire();
 * useEffect(() => {
 *   void client.join(`chat:${chatId}`);
 *   return () => void client.leave(`chat:${chatId}`);
 * }, [client, chatId]);
 */
export function useOpwire(): OpwireClient {
  return useOpwireContext('useOpwire()').client;
}
