import {
  createOpwireClient,
  type OpwireClient,
  type OpwireClientInit,
  type OpwireError,
} from '@opwire/client';
import { signToken } from '@opwire/test-kit/tokens';

/** Options that keep reconnects fast in tests. */
export const FAST = {
  reconnectionDelayMs: 20,
  reconnectionDelayMaxMs: 100,
  requestTimeoutMs: 3_000,
} satisfies OpwireClientInit;

export interface TestClient {
  client: OpwireClient;
  errors: OpwireError[];
  statuses: string[];
}

/** Creates clients that record their errors and status changes, and closes them all at the end. */
export function clientFactory() {
  const made: OpwireClient[] = [];
  return {
    create(init: OpwireClientInit): TestClient {
      const client = createOpwireClient({ token: signToken(), ...FAST, ...init });
      made.push(client);
      const errors: OpwireError[] = [];
      const statuses: string[] = [client.status];
      client.onError((error) => errors.push(error));
      client.onStatusChange(({ status }) => statuses.push(status));
      return { client, errors, statuses };
    },
    closeAll() {
      for (const client of made.splice(0)) client.close();
    },
  };
}
