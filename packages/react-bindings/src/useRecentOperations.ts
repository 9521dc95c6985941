import {
  createRecentOperationsObserver,
  type OperationSnapshot,
  type RecentOperationsOptions,
} from '@opwire/client';
import { useMemo } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { useObserver } from './useObserver.js';

/**
 * Operations that ended within the last `keepMs` (60 s by default), newest
 * end first, so a page reloaded after a job ended still shows its outcome.
 * Empty during server rendering.
 *
 * @example
 * const ended = useRecentOperations({ keepMs: 30_000 });
 * return ended.map((operation) => <Outcome key={operation.id} operation={operation} />);
 */
export function useRecentOperations(
  options: RecentOperationsOptions = {},
): readonly OperationSnapshot[] {
  const { client, batch } = useOpwireContext('useRecentOperations()');
  const { keepMs } = options;
  const observer = useMemo(
    () => createRecentOperationsObserver(client, keepMs === undefined ? {} : { keepMs }),
    [client, keepMs],
  );
  return useObserver(observer, batch);
}
