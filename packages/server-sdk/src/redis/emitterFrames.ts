import { SOCKET_EVENTS } from '@opwire/protocol';
import type * as RedisEmitterPackage from '@socket.io/redis-emitter';
import type { ChannelMessage } from '../operations/storedPublisher.js';
import type { FrameChannel } from './publishOnCommit.js';

/**
 * Operation frames as `@socket.io/redis-emitter` publishes them, taken from
 * the emitter instead of being published by it, for a process without sockets
 * of its own (a worker).
 */
export function emitterFrames(
  Emitter: typeof RedisEmitterPackage.Emitter,
  key: string,
  namespace: string,
): FrameChannel {
  const taken: ChannelMessage[] = [];
  const recorder = {
    publish(channel: string, message: string | Buffer) {
      taken.push({ channel, message });
      return Promise.resolve(0);
    },
  };
  const emitter = new Emitter(recorder, { key }).of(namespace);
  return {
    messages(rooms, frames) {
      emitter.to([...rooms]).emit(SOCKET_EVENTS.operation, ...frames);
      return taken.splice(0);
    },
    sendLocal() {},
  };
}
