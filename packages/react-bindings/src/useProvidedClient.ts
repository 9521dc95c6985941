import type { OpwireClient, OpwireClientInit } from '@opwire/client';
import { useState } from 'react';
import { createOwnedClient } from './ownedClient.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';

/** The client a provider hands down, and whether the provider connects it once mounted. */
export interface ProvidedClient {
  client: OpwireClient;
  connectsOnMount: boolean;
}

/**
 * The client a provider hands down: the app's own `client`, or one created
 * from `options` on the first render, connected once mounted (unless
 * `options.autoConnect` is `false`) and closed on unmount. `options` are read
 * once; remount the provider (a new `key`) to apply new ones. Internal.
 */
export function useProvidedClient(
  client: OpwireClient | undefined,
  options: OpwireClientInit | undefined,
): ProvidedClient {
  const [owned] = useState(() =>
    client === undefined
      ? { client: createOwnedClient(options ?? {}), connect: options?.autoConnect !== false }
      : null,
  );
  useIsomorphicLayoutEffect(() => {
    if (owned === null) return;
    if (owned.connect) owned.client.connect();
    return () => owned.client.close();
  }, [owned]);
  if (client !== undefined) return { client, connectsOnMount: false };
  if (owned === null) {
    throw new Error(
      '<OpwireProvider> cannot switch from a `client` prop to `options`; give it a new `key` instead.',
    );
  }
  return { client: owned.client, connectsOnMount: owned.connect };
}
