import type { Cluster, Redis } from 'ioredis';

/**
 * The same Cluster client, except that PUBLISH always goes through one
 * master. An ioredis Cluster sends commands without a key to a random node,
 * and messages published through different nodes reach a subscriber in any
 * order; through one node they keep the order they were published in. The
 * node changes only when it leaves the cluster (what was in flight to it is
 * lost with it, as on one Redis server).
 */
export function orderedPublisher(cluster: Cluster): Cluster {
  let pinned: Redis | undefined;
  const target = () => {
    const masters = cluster.nodes('master');
    if (pinned !== undefined && masters.includes(pinned) && pinned.status !== 'end') return pinned;
    pinned = [...masters].sort((a, b) => address(a).localeCompare(address(b)))[0];
    return pinned;
  };
  const publish = (channel: string | Buffer, message: string | Buffer) =>
    (target() ?? cluster).publish(channel, message);
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
