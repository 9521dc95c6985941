import { OpwireError } from '@opwire/protocol';
import type { Cluster, Redis } from 'ioredis';

/**
 * The same Cluster client, except that PUBLISH always goes through one
 * master. An ioredis Cluster sends commands without a key to a random node,
 * and messages published through different nodes reach a subscriber in any
 * order; through one node they keep the order they were published in. Until
 * the client knows the cluster's masters, messages wait, in order, instead of
 * going out through the client's own queue to random nodes. The node changes
 * only when it leaves the cluster (what was in flight to it is lost with it,
 * as on one Redis server).
 */
export function orderedPublisher(cluster: Cluster): Cluster {
  let pinned: Redis | undefined;
  let waiting: Promise<void> | undefined;
  const target = () => {
    const masters = cluster.nodes('master');
    if (pinned !== undefined && masters.includes(pinned) && pinned.status !== 'end') return pinned;
    pinned = [...masters].sort((a, b) => address(a).localeCompare(address(b)))[0];
    return pinned;
  };
  const publish = (channel: string | Buffer, message: string | Buffer): Promise<number> => {
    const node = waiting === undefined ? target() : undefined;
    if (node !== undefined) return node.publish(channel, message);
    waiting ??= mastersKnown(cluster).finally(() => {
      waiting = undefined;
    });
    return waiting.then(() => publish(channel, message));
  };
  return new Proxy(cluster, {
    get(client, property) {
      if (property === 'publish') return publish;
      const value = Reflect.get(client, property, client);
      // Methods run on the client itself (ioredis keeps private state); the constructor stays as is.
      return typeof value === 'function' && property !== 'constructor' ? value.bind(client) : value;
    },
  });
}

function address(node: Redis): string {
  return `${node.options.host}:${node.options.port}`;
}

/** Resolves once the client is ready, or rejects when it ends first. */
function mastersKnown(cluster: Cluster): Promise<void> {
  if (cluster.status === 'ready' && cluster.nodes('master').length > 0) return Promise.resolve();
  if (cluster.status === 'end') return Promise.reject(endedError());
  return new Promise((resolve, reject) => {
    const onReady = () => {
      cluster.off('end', onEnd);
      resolve();
    };
    const onEnd = () => {
      cluster.off('ready', onReady);
      reject(endedError());
    };
    cluster.once('ready', onReady);
    cluster.once('end', onEnd);
  });
}

function endedError(): OpwireError {
  return new OpwireError(
    'unavailable',
    'The Redis Cluster connection ended before the message could be published; create the client again.',
  );
}
