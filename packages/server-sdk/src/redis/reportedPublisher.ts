import { OpwireError } from '@opwire/protocol';
import type { RedisClient } from './redisClient.js';
import { withRejectionHandlers } from './rejectionHandlers.js';

/**
 * The same client, except that a PUBLISH (or, for the streams adapter, an
 * XADD) that fails is reported to `onFailure`. Socket.IO's Redis adapter and
 * emitter publish without awaiting the reply, so a rejection (Redis
 * unreachable past the client's retries, or, on a Redis Cluster, the master
 * carrying this process's publishes going down) would otherwise be an
 * unhandled rejection, which ends the process; the streams adapter swallows
 * it silently. The message is lost for the other nodes, as with any message
 * published while Redis is unreachable; their sockets catch up when they
 * resume after the outage.
 */
export function reportedPublisher<T extends RedisClient>(
  client: T,
  onFailure: (error: OpwireError) => void,
): T {
  const report = (error: unknown) =>
    onFailure(
      new OpwireError(
        'unavailable',
        `A message for the other nodes could not be published to Redis (${error instanceof Error ? error.message : String(error)}); their clients catch up when they resume once Redis is reachable. Check that Redis runs and can be reached.`,
        { cause: error },
      ),
    );
  return withRejectionHandlers(client, { publish: report, xadd: report });
}
