import type { OperationSnapshot, OpwireClient } from '@opwire/client';

const inFlight = new WeakMap<OpwireClient, Promise<OperationSnapshot[]>>();

/**
 * `client.operations.active()`, shared by every caller while one request is
 * in flight, so several components (or StrictMode's second mount) asking at
 * the same time send one request. Internal.
 */
export function loadActiveOperations(client: OpwireClient): Promise<OperationSnapshot[]> {
  let request = inFlight.get(client);
  if (request === undefined) {
    request = client.operations.active().finally(() => inFlight.delete(client));
    inFlight.set(client, request);
  }
  return request;
}
