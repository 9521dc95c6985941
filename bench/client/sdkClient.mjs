import { createOpwireClient } from '@opwire/client';
import { opwireClient } from './opwireClient.mjs';

/**
 * The load generator as a user's page runs it: every client is a real
 * `createOpwireClient` (its validation, routing, pattern matching and
 * operation store), against an opwire server. Handlers hear what
 * `subscribe()` delivers.
 *
 * @type {import('./clientFlavor.mjs').ClientFlavor}
 */
export const sdkClient = {
  serverFlavor: 'opwire',
  connectOptions: opwireClient.connectOptions,
  open(url, index) {
    const { path, auth } = opwireClient.connectOptions(index);
    const client = createOpwireClient({
      url,
      path,
      token: /** @type {string} */ (auth.token),
      transports: ['websocket'],
      reconnection: false,
      connectTimeoutMs: 60_000,
      operationToasts: false,
    });
    return new Promise((resolve, reject) => {
      const stop = client.onStatusChange(({ status, error }) => {
        if (status === 'connected') {
          stop();
          resolve({ socket: client, epoch: null });
        } else if (status === 'unauthorized' || status === 'disconnected') {
          stop();
          reject(error ?? new Error(`client ${index}: ${status}`));
        }
      });
    });
  },
  join(client, room) {
    return client.join(room);
  },
  listen(client, handler) {
    const deliver = (/** @type {any} */ payload, /** @type {any} */ message) =>
      handler(message.topic, payload, message.seq);
    client.subscribe('bench.*', deliver);
    client.subscribe('operation.*', deliver);
  },
  resume: null,
};
