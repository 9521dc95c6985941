import type { Observer } from '@opwire/client';
import { useCallback, useSyncExternalStore } from 'react';
import type { UpdateBatch } from './updateBatch.js';

/**
 * Binds an observer of `@opwire/client` to React: its snapshot, re-rendered
 * through the provider's `batch` (at most once per frame), except values
 * `immediate` picks (a click's own answer), which render at once. Internal.
 */
export function useObserver<T>(
  observer: Observer<T>,
  batch: UpdateBatch,
  immediate?: (value: T) => boolean,
): T {
  const subscribe = useCallback(
    (listener: () => void) =>
      observer.subscribe((value) => {
        if (immediate?.(value) === true) listener();
        else batch.notify(listener);
      }),
    [observer, batch, immediate],
  );
  return useSyncExternalStore(subscribe, observer.getSnapshot, observer.getServerSnapshot);
}
