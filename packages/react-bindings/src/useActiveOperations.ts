import { type ActiveOperationsState, createActiveOperationsObserver } from '@opwire/client';
import { useMemo } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { useObserver } from './useObserver.js';

/**
 * Every operation still running that this user may see, live. Each time the
 * client connects (after a page reload, after a reconnect) it asks the server
 * for them, so progress bars of jobs started before the reload come back;
 * operations started later appear as their events arrive. Re-renders at most
 * once per frame however many operations progress. Empty during server
 * rendering.
 *
 * @example
 * const { operations } = useActiveOperations();
 * return operations.map((operation) => <ProgressTracker key={operation.id} operationId={operation.id} />);
 */
export function useActiveOperations(): ActiveOperationsState {
  const { client, batch } = useOpwireContext('useActiveOperations()');
  const observer = useMemo(() => createActiveOperationsObserver(client), [client]);
  return useObserver(observer, batch);
}
