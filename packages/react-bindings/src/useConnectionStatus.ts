import {
  type ConnectionState,
  type ConnectionStatusOptions,
  createConnectionStatusObserver,
} from '@opwire/client';
import { useMemo } from 'react';
import { useOpwireContext } from './opwireContext.js';
import { useObserver } from './useObserver.js';

/**
 * The connection status of the provider's client, re-rendering only when the
 * shown status changes; drops shorter than `lostAfterMs` (3 s by default)
 * are hidden. `connecting` during server rendering.
 *
 * @example
 * const { status, isConnected } = useConnectionStatus({ lostAfterMs: 5_000 });
 * if (status === 'unauthorized') return <SignInAgain />;
 * return isConnected ? null : <Banner>Reconnecting…</Banner>;
 */
export function useConnectionStatus(
  options: Pick<ConnectionStatusOptions, 'lostAfterMs'> = {},
): ConnectionState {
  const { client, batch, connectsOnMount } = useOpwireContext('useConnectionStatus()');
  const { lostAfterMs } = options;
  const observer = useMemo(
    () =>
      createConnectionStatusObserver(client, {
        connectsOnMount,
        ...(lostAfterMs === undefined ? {} : { lostAfterMs }),
      }),
    [client, lostAfterMs, connectsOnMount],
  );
  return useObserver(observer, batch);
}
