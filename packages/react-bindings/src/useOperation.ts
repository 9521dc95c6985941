import {
  createOperationObserver,
  type OperationDetailsOf,
  type OperationResultOf,
  type OperationStageOf,
  type OperationState,
} from '@opwire/client';
import { useMemo } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { useObserver } from './useObserver.js';

/**
 * Follows one operation and returns its state, re-rendering (at most once
 * per frame) as it changes; the time left counts down between events.
 * `null` gives the idle state and follows nothing. During server rendering
 * the state is `loading` (or idle for `null`) and the client is not touched.
 *
 * The type parameter is the server's definition (`typeof userImport`,
 * imported with `import type`) or the result type itself.
 *
 * @example
 * const { status, percent, message, result } = useOperation<typeof userImport>(operationId);
 * if (status === 'succeeded') return <p>Imported {result?.imported} rows</p>;
 * return <progress max={100} value={percent}>{message}</progress>;
 */
export function useOperation<
  TOperation = unknown,
  TDetails = OperationDetailsOf<TOperation>,
  TStage extends string = OperationStageOf<TOperation>,
>(operationId: string | null): OperationState<OperationResultOf<TOperation>, TDetails, TStage> {
  const { client, batch } = useOpwireContext('useOperation()');
  const observer = useMemo(
    () => createOperationObserver<TOperation, TDetails, TStage>(client, operationId),
    [client, operationId],
  );
  return useObserver(observer, batch);
}
