import { type TableRefetch, type TableRefreshOptions, watchTableRefresh } from '@opwire/client';
import { useEffect } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { useLatest } from './useLatest.js';

/**
 * Calls `refetch` when the server (or an operation's success) says `table`
 * should reload, coalesced as `watchTableRefresh` of `@opwire/client` does.
 * The newest `refetch` is called; an inline function does not re-subscribe.
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
  const { coalesceMs } = options;
  useEffect(
    () =>
      watchTableRefresh(client, table, (refreshes) => latest.current(refreshes), {
        ...(coalesceMs === undefined ? {} : { coalesceMs }),
      }),
    [client, table, coalesceMs, latest],
  );
}
