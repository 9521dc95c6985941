import type { TableRefreshPayload } from '@opwire/protocol';
import type { OpwireClient } from '../opwireClient.js';
import { createRefreshCoalescer } from './refreshCoalescer.js';

/** Options of {@link watchTableRefresh}. */
export interface TableRefreshOptions {
  /**
   * How long the first refresh waits for others to arrive before `refetch`
   * runs once for all of them, in milliseconds.
   * @default 100
   */
  coalesceMs?: number;
}

/** What `refetch` receives: every refresh since the last call, oldest first. */
export type TableRefetch = (refreshes: readonly TableRefreshPayload[]) => unknown;

/** The default `coalesceMs`. */
export const DEFAULT_COALESCE_MS = 100;

/**
 * Calls `refetch` when the server (or an operation's success) says `table`
 * should reload. Refreshes that arrive together are coalesced: one `refetch`
 * for all of them after `coalesceMs`, and while a refetch's promise is
 * pending, the ones arriving meanwhile give exactly one more after it. A
 * refetch that throws or rejects is logged and does not stop later ones.
 * Returns the function that stops watching.
 *
 * @example
 * const stop = watchTableRefresh(client, 'users', () => reloadUsers());
 */
export function watchTableRefresh(
  client: OpwireClient,
  table: string,
  refetch: TableRefetch,
  options: TableRefreshOptions = {},
): () => void {
  const coalescer = createRefreshCoalescer({
    waitMs: options.coalesceMs ?? DEFAULT_COALESCE_MS,
    refetch,
    onError: (error) =>
      console.error(`[opwire] table refresh of '${table}': refetch failed`, error),
  });
  const stop = client.onTableRefresh(table, (payload) => coalescer.push(payload));
  return () => {
    stop();
    coalescer.stop();
  };
}
