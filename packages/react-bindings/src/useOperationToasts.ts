import {
  type OperationToastsOptions,
  startOperationToasts,
  type ToastAdapter,
} from '@opwire/client';
import { useEffect } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { useLatest } from './useLatest.js';

/**
 * Turns operations into toasts with `startOperationToasts` of
 * `@opwire/client`: one toast per operation, `loading` while it runs (with
 * its percent, and again after a page reload), then success, error or
 * warning; plus every toast the server sends. Mount it once, near the root.
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
        () => ({ schedule: (flush) => batch.notify(flush), ...latestOptions.current }),
      ),
    [client, batch, latestAdapter, latestOptions],
  );
}
