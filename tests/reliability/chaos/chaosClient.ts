import { createOpwireClient, type OpwireClient } from '@opwire/client';
import { signToken } from '@opwire/test-kit/tokens';
import { tenantOf } from './plan.js';

/** A client of `user` that reconnects fast and reports nothing, as the chaos suites need. */
export function createChaosClient(url: string, user: string): OpwireClient {
  const client = createOpwireClient({
    url,
    token: () => signToken({ sub: user, tid: tenantOf(user) }, { expiresInSec: 600 }),
    transports: ['websocket'],
    reconnectionDelayMs: 50,
    reconnectionDelayMaxMs: 400,
    operationToasts: false,
  });
  client.onError(() => {});
  return client;
}
