import { OpwireError } from '@opwire/protocol';
import type { RedisClient } from './redisClient.js';

type Write = (...args: unknown[]) => Promise<unknown>;
const WRITES = new Set<PropertyKey>(['publish', 'xadd']);

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
  const reporting =
    (write: Write) =>
    (...args: unknown[]) => {
      const sent = write(...args);
      // The caller may still await `sent`; this handler only reports, and keeps a rejection handled.
      sent.catch(report);
      return sent;
    };
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (WRITES.has(property) && typeof value === 'function')
        return reporting((value as Write).bind(target));
      return typeof value === 'function' && property !== 'constructor' ? value.bind(target) : value;
    },
  });
}
