import type { OpwireClient, OpwireClientInit } from '@opwire/client';
import { type ReactNode, useMemo, useState } from 'react';
import { OpwireContext, type OpwireContextValue } from './opwireContext.js';
import { frameScheduler, type RenderScheduler } from './renderScheduler.js';
import { createUpdateBatch } from './updateBatch.js';
import { useLatest } from './useLatest.js';
import { useProvidedClient } from './useProvidedClient.js';

interface ProviderCommonProps {
  /** What renders inside the provider; its hooks use the provider's client. */
  children?: ReactNode;
  /**
   * When store changes become renders: every change that arrives before the
   * scheduler runs its callback renders once, together.
   * @default frameScheduler (the next animation frame)
   */
  scheduler?: RenderScheduler;
}

/** An `<OpwireProvider>` handed a client the app created and owns. */
export interface ProviderWithClientProps extends ProviderCommonProps {
  /** The client every hook below uses. The provider neither connects nor closes it. */
  client: OpwireClient;
  /** Not with `client`: the provider either uses a client or creates one. */
  options?: never;
}

/** An `<OpwireProvider>` that creates, connects and closes its own client. */
export interface ProviderWithOptionsProps extends ProviderCommonProps {
  /**
   * Options of the client the provider creates on its first render (read
   * once). It connects when the provider mounts in the browser, never during
   * server rendering, and is closed when the provider unmounts.
   */
  options: OpwireClientInit;
  /** Not with `options`: the provider either uses a client or creates one. */
  client?: never;
}

/** Props of {@link OpwireProvider}: either `client` or `options`. */
export type OpwireProviderProps = ProviderWithClientProps | ProviderWithOptionsProps;

/**
 * Makes an opwire client available to every hook below it.
 *
 * @example
 * const client = createOpwireClient({ url: 'https://api.example.com', token: () => auth.getToken() });
 * root.render(<OpwireProvider client={client}><App /></OpwireProvider>);
 *
 * @example
 * // The provider creates the client, connects it in the browser and closes it on unmount.
 * <OpwireProvider options={{ url: 'https://api.example.com', token: () => auth.getToken() }}>
 *   <App />
 * </OpwireProvider>
 */
export function OpwireProvider(props: OpwireProviderProps): ReactNode {
  const { client, connectsOnMount } = useProvidedClient(props.client, props.options);
  const scheduler = useLatest(props.scheduler ?? frameScheduler);
  const [batch] = useState(() => createUpdateBatch((flush) => scheduler.current(flush)));
  const value = useMemo<OpwireContextValue>(
    () => ({ client, batch, connectsOnMount }),
    [client, batch, connectsOnMount],
  );
  return <OpwireContext.Provider value={value}>{props.children}</OpwireContext.Provider>;
}
