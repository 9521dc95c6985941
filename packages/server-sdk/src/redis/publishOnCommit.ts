import {
  encodeOperationEvent,
  type OperationEvent,
  type OperationFrame,
  type OperationSnapshot,
} from '@opwire/protocol';
import { storedPackets } from '../operations/storedEvents.js';
import {
  type ChannelMessage,
  publishingAppendsOf,
  type StoredPublisher,
} from '../operations/storedPublisher.js';
import type { OperationStore } from '../store/operationStore.js';
import { isClusterClient, type RedisClient } from './redisClient.js';

/** How operation frames reach the sockets of this process and of the others. */
export interface FrameChannel {
  /** The adapter messages that carry `frames`, in order in one packet, to `rooms` on the other processes. */
  messages(rooms: readonly string[], frames: readonly OperationFrame[]): ChannelMessage[];
  /** Sends `frames`, in order and in one packet, to `rooms` on this process's own sockets only. */
  sendLocal(rooms: readonly string[], frames: readonly OperationFrame[]): void;
}

/**
 * Pairs a Redis store with the adapter's channels when both work on the same
 * ioredis client, so each stored event is published by the script that stores
 * it. On a Redis Cluster the script would publish from its operation's shard
 * while everything else the adapter publishes goes through one pinned master,
 * and an operation's events could then overtake the room changes before them:
 * there, and for any other store, events are published after the commit.
 *
 * The events one write stores go out in one Socket.IO packet per audience: a
 * batch of progress costs every node and every socket one message, not one per event.
 */
export function publishOnCommit(
  store: OperationStore,
  client: RedisClient,
  channel: FrameChannel,
): StoredPublisher | undefined {
  const appends = publishingAppendsOf(store);
  if (appends === undefined || appends.client !== client || isClusterClient(client))
    return undefined;
  return {
    async append(draft, conditions) {
      const write = committedPackets(channel);
      const result = await appends.append(draft, conditions, write.messagesOf);
      if (result.status === 'appended') write.sendLocal();
      return result;
    },
    async appendBatch(drafts, conditions) {
      const write = committedPackets(channel);
      const batch = await appends.appendBatch(drafts, conditions, write.messagesOf);
      if (batch !== null) write.sendLocal();
      return batch;
    },
  };
}

/** The packets of one write: published by its script, then sent locally once it committed. */
function committedPackets(channel: FrameChannel) {
  // The store builds the messages again when it retries; the last build is the committed one.
  let built: { rooms: string[]; frames: OperationFrame[] }[] = [];
  return {
    messagesOf(
      events: readonly OperationEvent[],
      snapshots: readonly OperationSnapshot[],
    ): ChannelMessage[] {
      built = storedPackets(events, snapshots).map((packet) => ({
        rooms: packet.rooms,
        frames: packet.events.map(encodeOperationEvent),
      }));
      return built.flatMap(({ rooms, frames }) => channel.messages(rooms, frames));
    },
    sendLocal() {
      for (const { rooms, frames } of built) channel.sendLocal(rooms, frames);
    },
  };
}
