import type { Redis } from 'ioredis';

/** Publishes a message; resolves to the number of subscribers that heard it. */
export type Publish = (channel: string | Buffer, message: string | Buffer) => Promise<number>;

interface Held {
  channel: string | Buffer;
  message: string | Buffer;
  resolve: (heard: number) => void;
  reject: (error: unknown) => void;
}

const senders = new WeakMap<Redis, Publish>();

/**
 * PUBLISH on one connection, in the order the calls were made. ioredis
 * queues commands while it connects and sends them once ready, except that
 * during its ready check (status `connect`) it writes at once the commands
 * Redis accepts while loading, PUBLISH among them: a message published then
 * overtakes the ones still queued. Messages published in that window are held
 * here and handed to ioredis, in order, at the connection's next status
 * change: after its own queue when it becomes ready, behind it when it
 * reconnects.
 */
export function orderedSender(connection: Redis): Publish {
  let sender = senders.get(connection);
  if (sender === undefined) {
    sender = createSender(connection);
    senders.set(connection, sender);
  }
  return sender;
}

function createSender(connection: Redis): Publish {
  const held: Held[] = [];
  const release = () => {
    if (connection.status === 'connect') {
      onStatusChange(connection, release);
      return;
    }
    for (const item of held.splice(0)) {
      connection.publish(item.channel, item.message).then(item.resolve, item.reject);
    }
  };
  return (channel, message) => {
    if (held.length === 0 && connection.status !== 'connect') {
      return connection.publish(channel, message);
    }
    if (held.length === 0) onStatusChange(connection, release);
    return new Promise((resolve, reject) => held.push({ channel, message, resolve, reject }));
  };
}

const LEAVING_CONNECT = ['ready', 'close', 'end'] as const;

/** Calls `listener` once, at the first of the events that end the `connect` status. */
function onStatusChange(connection: Redis, listener: () => void): void {
  const once = () => {
    for (const event of LEAVING_CONNECT) connection.off(event, once);
    listener();
  };
  for (const event of LEAVING_CONNECT) connection.on(event, once);
}
