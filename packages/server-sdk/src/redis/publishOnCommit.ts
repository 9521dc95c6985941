import {
  encodeOperationEvent,
  type OperationEvent,
  type OperationFrame,
  type OperationSnapshot,
  publicEvent,
} from '@opwire/protocol';
import { deliveryRooms } from '../operations/storedEvents.js';
import {
  type ChannelMessage,
  publishingAppendsOf,
  type StoredPublisher,
} from '../operations/storedPublisher.js';
import type { OperationStore } from '../store/operationStore.js';
import { isClusterClient, type RedisClient } from './redisClient.js';

/** How operation frames reach the sockets of this process and of the others. */
export interface FrameChannel {
  /** The adapter messages that carry `frame` to `rooms` on the other processes. */
  messages(rooms: readonly string[], frame: OperationFrame): ChannelMessage[];
  /** Sends `frame` to `rooms` on this process's own sockets only. */
  sendLocal(rooms: readonly string[], frame: OperationFrame): void;
}

interface Sent {
  rooms: string[];
  frame: OperationFrame;
}

/**
 * Pairs a Redis store with the adapter's channels when both work on the same
 * ioredis client, so each stored event is published by the script that stores
 * it. On a Redis Cluster the script would publish from its operation's shard
 * while everything else the adapter publishes goes through one pinned master,
 * and an operation's events could then overtake the room changes before them:
 * there, and for any other store, events are published after the commit.
 */
export function publishOnCommit(
  store: OperationStore,
  client: RedisClient,
  channel: FrameChannel,
): StoredPublisher | undefined {
  const appends = publishingAppendsOf(store);
  if (appends === undefined || appends.client !== client || isClusterClient(client))
    return undefined;
  const build = (event: OperationEvent, snapshot: OperationSnapshot): Sent => ({
    rooms: deliveryRooms(snapshot),
    frame: encodeOperationEvent(publicEvent(event)),
  });
  return {
    async append(draft, conditions) {
      // The store builds the messages again when it retries; the last build is the committed one.
      let last: Sent | undefined;
      const result = await appends.append(draft, conditions, (event, snapshot) => {
        last = build(event, snapshot);
        return channel.messages(last.rooms, last.frame);
      });
      if (result.status === 'appended' && last) channel.sendLocal(last.rooms, last.frame);
      return result;
    },
    async appendBatch(drafts, conditions) {
      const sent: Sent[] = [];
      const batch = await appends.appendBatch(drafts, conditions, (event, snapshot) => {
        const built = build(event, snapshot);
        sent.push(built);
        return channel.messages(built.rooms, built.frame);
      });
      if (batch !== null) for (const { rooms, frame } of sent) channel.sendLocal(rooms, frame);
      return batch;
    },
  };
}
