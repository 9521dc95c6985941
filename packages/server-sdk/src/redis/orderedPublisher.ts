import { OpwireError } from '@opwire/protocol';
import type { Cluster, Redis } from 'ioredis';
import { orderedSender, type Publish } from './orderedSender.js';
import { isClusterClient, type RedisClient } from './redisClient.js';

interface Early {
  channel: string | Buffer;
  message: string | Buffer;
  resolve: (heard: number) => void;
  reject: (error: unknown) => void;
}

/**
 * The same client, except that PUBLISH keeps the order of the calls. On one
 * Redis server that takes `orderedSender`. An ioredis Cluster also sends
 * commands without a key to a random node, and messages published through
 * different nodes reach a subscriber in any order: here they all go through
 * one master. Until the client knows the cluster's masters, messages wait, in
 * order, instead of going out through the client's own queue to random nodes.
 * The master changes only when it leaves the cluster (what was in flight to
 * it is lost with it, as on one Redis server).
 */
export function orderedPublisher<T extends RedisClient>(client: T): T {
  const publish = isClusterClient(client) ? pinnedPublish(client) : orderedSender(client as Redis);
  return new Proxy(client, {
    get(target, property) {
      if (property === 'publish') return publish;
      const value = Reflect.get(target, property, target);
      // Methods run on the client itself (ioredis keeps private state); the constructor stays as is.
      return typeof value === 'function' && property !== 'constructor' ? value.bind(target) : value;
    },
  });
}

function pinnedPublish(cluster: Cluster): Publish {
  let pinned: Redis | undefined;
  const target = () => {
    const masters = cluster.nodes('master');
    if (pinned !== undefined && masters.includes(pinned) && pinned.status !== 'end') return pinned;
    pinned = [...masters].sort((a, b) => address(a).localeCompare(address(b)))[0];
    return pinned;
  };
  const early: Early[] = [];
  const flushEarly = () => {
    const node = target();
    if (node === undefined) {
      mastersKnown(cluster).then(flushEarly, failEarly);
      return;
    }
    const send = orderedSender(node);
    for (const item of early.splice(0)) {
      send(item.channel, item.message).then(item.resolve, item.reject);
    }
  };
  const failEarly = (error: unknown) => {
    for (const item of early.splice(0)) item.reject(error);
  };
  return (channel, message) => {
    const node = early.length === 0 ? target() : undefined;
    if (node !== undefined) return orderedSender(node)(channel, message);
    return new Promise((resolve, reject) => {
      if (early.push({ channel, message, resolve, reject }) === 1) {
        mastersKnown(cluster).then(flushEarly, failEarly);
      }
    });
  };
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
