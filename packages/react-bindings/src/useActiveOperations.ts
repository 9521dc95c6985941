import { type OperationSnapshot, OpwireError } from '@opwire/client';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { loadActiveOperations } from './sharedActiveRequest.js';

/** What {@link useActiveOperations} returns. */
export interface ActiveOperationsState {
  /** Running operations the client knows, oldest first; the same array until one changes. */
  operations: readonly OperationSnapshot[];
  /** Until the server first answered which operations are running. */
  isLoading: boolean;
  /** Why the last request for running operations failed, or `null`. */
  error: OpwireError | null;
}

const NONE: readonly OperationSnapshot[] = Object.freeze([]);
const noOperations = () => NONE;

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
  const subscribe = useCallback(
    (listener: () => void) => client.operations.subscribe(() => batch.notify(listener)),
    [client, batch],
  );
  const operations = useSyncExternalStore(subscribe, client.operations.getSnapshot, noOperations);
  const [request, setRequest] = useState<{ isLoading: boolean; error: OpwireError | null }>({
    isLoading: true,
    error: null,
  });

  useEffect(() => {
    let mounted = true;
    const load = () => {
      loadActiveOperations(client).then(
        () => mounted && setRequest({ isLoading: false, error: null }),
        (error: unknown) =>
          mounted && setRequest({ isLoading: false, error: OpwireError.from(error) }),
      );
    };
    if (client.status === 'connected') load();
    const stop = client.onStatusChange(({ status }) => {
      if (status === 'connected') load();
    });
    return () => {
      mounted = false;
      stop();
    };
  }, [client]);

  return useMemo(() => ({ operations, ...request }), [operations, request]);
}
