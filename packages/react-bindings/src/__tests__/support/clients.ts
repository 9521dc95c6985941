import { createOpwireClient, type OpwireClient, type OpwireClientInit } from '@opwire/client';
import { signToken } from '@opwire/test-kit/tokens';

// socket.io-client is loaded by Node itself (Vitest externalizes node_modules), through its
// `node` export condition, so it uses the `ws` package and Node's HTTP client even under
// happy-dom, whose WebSocket it never sees. `transports: ['websocket']` skips long-polling to
// keep connections few and quick to count.
export const TEST_CLIENT_OPTIONS = {
  transports: ['websocket'],
  reconnectionDelayMs: 20,
  reconnectionDelayMaxMs: 100,
  requestTimeoutMs: 3_000,
} satisfies OpwireClientInit;

/** Creates real clients for a test, and closes them all afterwards. */
export function clientFactory() {
  const made: OpwireClient[] = [];
  return {
    create(url: string, init: OpwireClientInit = {}): OpwireClient {
      const client = createOpwireClient({
        url,
        token: signToken(),
        ...TEST_CLIENT_OPTIONS,
        ...init,
      });
      made.push(client);
      return client;
    },
    closeAll(): void {
      for (const client of made.splice(0)) client.close();
    },
  };
}
