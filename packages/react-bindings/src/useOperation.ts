import { useMemo, useSyncExternalStore } from 'react';
import type { OperationState } from './operationState.js';
import { createOperationView } from './operationView.js';
import { useOpwireContext } from './opwireContext.js';

/**
 * Follows one operation and returns its state, re-rendering (at most once
 * per frame) as it changes. `null` gives the idle state and follows nothing.
 * During server rendering the state is `loading` (or idle for `null`) and
 * the client is not touched.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TDetails - the shape of its progress `details`
 *
 * @example
 * const { status, percent, message, result } = useOperation<{ imported: number }>(operationId);
 * if (status === 'succeeded') return <p>Imported {result?.imported} rows</p>;
 * return <progress max={100} value={percent}>{message}</progress>;
 */
export function useOperation<TResult = unknown, TDetails = unknown>(
  operationId: string | null,
): OperationState<TResult, TDetails> {
  const { client, batch } = useOpwireContext('useOperation()');
  const view = useMemo(
    () => createOperationView<TResult, TDetails>(client, operationId, batch),
    [client, operationId, batch],
  );
  return useSyncExternalStore(view.subscribe, view.getSnapshot, view.getServerSnapshot);
}
