import {
  createLiveOperation,
  type LiveOperationActions,
  type LiveOperationOptions,
  type LiveOperationState,
  type OperationDetailsOf,
  type OperationResultOf,
  type OperationStageOf,
} from '@opwire/client';
import { useMemo } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { useLatest } from './useLatest.js';
import { useObserver } from './useObserver.js';

/** States that follow an action rather than an event (starting, reset, a failed start) render at once. */
const isOwnAnswer = (state: LiveOperationState<unknown, unknown, string>) =>
  state.snapshot === null;

/**
 * Starts a job with the app's own request and follows the operation it
 * started: `[state, { execute, cancel, reset }]`. One operation at a time:
 * `execute` while one is active is refused (it resolves `null`), so a double
 * click does not start two jobs; disable the button with `state.isActive`.
 * With a `key`, the running operation is taken back after a page reload.
 *
 * The first type parameter is the server's definition (`typeof userImport`)
 * or the result type; the second is what `execute(input)` passes to `start`.
 *
 * @example
 * const [upload, { execute, cancel }] = useLiveOperation<typeof userImport, File>({
 *   key: 'user-import',
 *   start: async (file) => (await fetch('/api/imports', { method: 'POST', body: file })).json(),
 *   onComplete: (result) => console.log(`Imported ${result?.imported} rows`),
 * });
 */
export function useLiveOperation<
  TOperation = unknown,
  TInput = void,
  TDetails = OperationDetailsOf<TOperation>,
  TStage extends string = OperationStageOf<TOperation>,
>(
  options: LiveOperationOptions<OperationResultOf<TOperation>, TInput, TDetails, TStage>,
): [
  LiveOperationState<OperationResultOf<TOperation>, TDetails, TStage>,
  LiveOperationActions<TInput>,
] {
  const { client, batch } = useOpwireContext('useLiveOperation()');
  const latest = useLatest(options);
  const live = useMemo(
    () => createLiveOperation<TOperation, TInput, TDetails, TStage>(client, () => latest.current),
    [client, latest],
  );
  const state = useObserver(live, batch, isOwnAnswer);
  return useMemo(() => [state, live.actions], [state, live]);
}
