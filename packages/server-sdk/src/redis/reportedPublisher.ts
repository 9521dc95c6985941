import { OpwireError } from '@opwire/protocol';
import type { RedisClient } from './redisClient.js';

/**
 * The same client, except that a PUBLISH that fails is reported to
 * `onFailure` instead of left as an unhandled rejection. Socket.IO's Redis
 * adapter and emitter publish without awaiting the reply, so a rejection
 * (Redis unreachable past the client's retries, or, on a Redis Cluster, the
 * master carrying this process's publishes going down) would otherwise end
 * the process. The message is lost for the other nodes, as with any message
 * published while their link to Redis is down; their sockets catch up when
 * they resume after the outage.
 */
interface Publishing {
  publish(channel: string | Buffer, message: string | Buffer): Promise<number>;
}

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
  const publish = (channel: string | Buffer, message: string | Buffer) => {
    const sent = (client as Publishing).publish(channel, message);
    // The caller may still await `sent`; this handler only keeps a rejection from going unhandled.
    sent.catch(report);
    return sent;
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'publish') return publish;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' && property !== 'constructor' ? value.bind(target) : value;
    },
  });
}
