import { useEffect } from 'react';
import { type OperationToastsOptions, startOperationToasts } from './operationToasts.js';
import { useOpwireContext } from './opwireContext.js';
import type { ToastAdapter } from './toastAdapter.js';
import { useLatest } from './useLatest.js';

/**
 * Turns operations into toasts: one toast per operation, shown `loading`
 * when it starts, updated in place with its percent as it progresses, and
 * turned into a success, error or warning (cancelled) toast when it ends;
 * plus every toast the server sends. Mount it once, near the root. The
 * lifecycle toasts are the client's own (its `operationToasts` option,
 * on by default).
 *
 * @example
 * import { toast } from 'sonner';
 * useOperationToasts(sonnerAdapter(toast));
 */
export function useOperationToasts(
  adapter: ToastAdapter,
  options: OperationToastsOptions = {},
): void {
  const { client, batch } = useOpwireContext('useOperationToasts()');
  const latestAdapter = useLatest(adapter);
  const latestOptions = useLatest(options);
  useEffect(
    () =>
      startOperationToasts(
        client,
        () => latestAdapter.current,
        () => latestOptions.current,
        batch,
      ),
    [client, batch, latestAdapter, latestOptions],
  );
}
