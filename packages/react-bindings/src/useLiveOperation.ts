import { useMemo, useSyncExternalStore } from 'react';
import { createLiveOperationController } from './liveOperationController.js';
import type {
  LiveOperationActions,
  LiveOperationOptions,
  LiveOperationState,
} from './liveOperationTypes.js';
import { useOpwireContext } from './opwireContext.js';
import { useLatest } from './useLatest.js';

/**
 * Starts a job with the app's own request and follows the operation it
 * started: `[state, { execute, cancel, reset }]`. One operation at a time:
 * `execute` while one runs is refused (it resolves `null`), so a double
 * click does not start two jobs; disable the button with `state.isRunning`.
 *
 * @typeParam TResult - what the operation returns when it succeeds
 * @typeParam TInput - what `execute(input)` passes to `start`
 * @typeParam TDetails - the shape of its progress `details`
 *
 * @example
 * const [upload, { execute, cancel }] = useLiveOperation<{ imported: number }, File>({
 *   start: async (file) => (await fetch('/api/imports', { method: 'POST', body: file })).json(),
 *   onComplete: (result) => console.log(`Imported ${result?.imported} rows`),
 * });
 */
export function useLiveOperation<TResult = unknown, TInput = void, TDetails = unknown>(
  options: LiveOperationOptions<TResult, TInput, TDetails>,
): [LiveOperationState<TResult, TDetails>, LiveOperationActions<TInput>] {
  const { client, batch } = useOpwireContext('useLiveOperation()');
  const latest = useLatest(options);
  const controller = useMemo(
    () =>
      createLiveOperationController<TResult, TInput, TDetails>(client, batch, () => latest.current),
    [client, batch, latest],
  );
  const state = useSyncExternalStore(
    controller.subscribe,
    controller.getSnapshot,
    controller.getServerSnapshot,
  );
  return useMemo(() => [state, controller.actions], [state, controller]);
}
