import { SOCKET_EVENTS } from '@opwire/protocol';
import type { Namespace } from 'socket.io';
import type { FrameChannel } from './publishOnCommit.js';

/** socket.io-parser's packet type of an event. */
const EVENT_PACKET = 2;

/** The public fields of `@socket.io/redis-adapter`'s adapter that its messages are made of. */
interface PubSubAdapter {
  uid: string;
  parser: { encode(message: unknown): string | Buffer };
}

function isPubSubAdapter(adapter: unknown): adapter is PubSubAdapter {
  const candidate = adapter as Partial<PubSubAdapter>;
  return typeof candidate.uid === 'string' && typeof candidate.parser?.encode === 'function';
}

/**
 * Operation frames as the namespace's Redis adapter broadcasts them: the
 * message its `broadcast()` publishes (the node's uid, the packet, the rooms),
 * on the channel it publishes it on, so the other nodes' adapters deliver it
 * and this node's ignores it; this node's own sockets get the frame locally.
 * `undefined` when the namespace's adapter is not the pub/sub adapter.
 */
export function adapterFrames(namespace: Namespace, key: string): FrameChannel | undefined {
  const { adapter } = namespace;
  if (!isPubSubAdapter(adapter)) return undefined;
  const nsp = namespace.name;
  const broadcastChannel = `${key}#${nsp}#`;
  return {
    messages(rooms, frames) {
      const packet = { type: EVENT_PACKET, data: [SOCKET_EVENTS.operation, ...frames], nsp };
      const options = { rooms: [...rooms], except: [], flags: {} };
      return [
        {
          channel: rooms.length === 1 ? `${broadcastChannel}${rooms[0]}#` : broadcastChannel,
          message: adapter.parser.encode([adapter.uid, packet, options]),
        },
      ];
    },
    sendLocal(rooms, frames) {
      namespace.local.to([...rooms]).emit(SOCKET_EVENTS.operation, ...frames);
    },
  };
}
