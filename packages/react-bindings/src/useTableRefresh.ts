import type { TableRefreshPayload } from '@opwire/client';
import { useEffect } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { createRefreshCoalescer } from './refreshCoalescer.js';
import { useLatest } from './useLatest.js';

/** Options of {@link useTableRefresh}. */
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
 * pending, the ones arriving meanwhile give exactly one more after it. The
 * newest `refetch` is called; an inline function does not re-subscribe.
 *
 * @example
 * const queryClient = useQueryClient();
 * useTableRefresh('users', () => queryClient.invalidateQueries({ queryKey: ['users'] }));
 */
export function useTableRefresh(
  table: string,
  refetch: TableRefetch,
  options: TableRefreshOptions = {},
): void {
  const { client } = useOpwireContext('useTableRefresh()');
  const latest = useLatest(refetch);
  const waitMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
  useEffect(() => {
    const coalescer = createRefreshCoalescer({
      waitMs,
      refetch: (refreshes) => latest.current(refreshes),
      onError: (error) =>
        console.error(`[opwire] useTableRefresh('${table}'): refetch failed`, error),
    });
    const stop = client.onTableRefresh(table, (payload) => coalescer.push(payload));
    return () => {
      stop();
      coalescer.stop();
    };
  }, [client, table, waitMs, latest]);
}
