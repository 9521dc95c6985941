import type { Observer } from '@opwire/client';
import { useCallback, useSyncExternalStore } from 'react';
import type { UpdateBatch } from './updateBatch.js';

/**
 * Binds an observer of `@opwire/client` to React: its snapshot, re-rendered
 * through the provider's `batch` (at most once per frame). Internal.
 */
export function useObserver<T>(observer: Observer<T>, batch: UpdateBatch): T {
  const subscribe = useCallback(
    (listener: () => void) => observer.subscribe(() => batch.notify(listener)),
    [observer, batch],
  );
  return useSyncExternalStore(subscribe, observer.getSnapshot, observer.getServerSnapshot);
}
