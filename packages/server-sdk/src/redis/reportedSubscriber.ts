import { OpwireError } from '@opwire/protocol';
import type { RedisClient } from './redisClient.js';
import { withRejectionHandlers } from './rejectionHandlers.js';

/**
 * The same subscriber connection, except that the (un)subscriptions Socket.IO's
 * Redis adapter makes without awaiting them cannot end the process with an
 * unhandled rejection when Redis is unreachable past the client's retries.
 * A failed subscription is reported to `onFailure`: the node then hears
 * nothing from the other nodes. A failed unsubscription, made as the adapter
 * closes, changes nothing and is dropped.
 */
export function reportedSubscriber<T extends RedisClient>(
  client: T,
  onFailure: (error: OpwireError) => void,
): T {
  const report = (error: unknown) =>
    onFailure(
      new OpwireError(
        'unavailable',
        `This node could not subscribe to the other nodes' messages on Redis (${error instanceof Error ? error.message : String(error)}), so it does not hear them. Check that Redis runs and can be reached, then restart the node.`,
        { cause: error },
      ),
    );
  const drop = () => {};
  return withRejectionHandlers(client, {
    psubscribe: report,
    subscribe: report,
    punsubscribe: drop,
    unsubscribe: drop,
  });
}
