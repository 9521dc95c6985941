import { type OpwireClient, OpwireError } from '@opwire/client';
import { createContext, useContext } from 'react';
import type { UpdateBatch } from './updateBatch.js';

/** What `<OpwireProvider>` hands down. Internal. */
export interface OpwireContextValue {
  readonly client: OpwireClient;
  readonly batch: UpdateBatch;
  /**
   * The provider connects `client` once mounted (an owned client), so until
   * then `disconnected` means "about to connect", not "offline".
   */
  readonly connectsOnMount: boolean;
}

export const OpwireContext = createContext<OpwireContextValue | null>(null);
OpwireContext.displayName = 'OpwireContext';

/** The provider's value; throws a readable error outside `<OpwireProvider>`. Internal. */
export function useOpwireContext(caller: string): OpwireContextValue {
  const value = useContext(OpwireContext);
  if (value === null) {
    throw new OpwireError(
      'invalid_option',
      `${caller} was called outside <OpwireProvider>. Wrap the component tree in <OpwireProvider client={client}> (or <OpwireProvider options={{ url, token }}>).`,
    );
  }
  return value;
}
