import { createOpwireClient, type OpwireClient, type OpwireClientInit } from '@opwire/client';

/**
 * The origin an owned client is given during server rendering when `options`
 * leave `url` to the page's origin, which a server does not have. That client
 * never connects: the provider connects only in the browser.
 */
export const SERVER_RENDER_ORIGIN = 'http://localhost';

/**
 * Creates the client an `<OpwireProvider options>` owns. It never connects by
 * itself (`autoConnect: false`): the provider connects it once mounted in the
 * browser and closes it on unmount, so a render that is thrown away (server
 * rendering, a StrictMode double render) leaves no socket behind. Internal.
 */
export function createOwnedClient(options: OpwireClientInit): OpwireClient {
  const needsOrigin = options.url === undefined && !hasPageOrigin();
  return createOpwireClient({
    ...options,
    autoConnect: false,
    ...(needsOrigin ? { url: SERVER_RENDER_ORIGIN } : {}),
  });
}

function hasPageOrigin(): boolean {
  const location = (globalThis as { location?: { origin?: unknown } }).location;
  return typeof location?.origin === 'string';
}
