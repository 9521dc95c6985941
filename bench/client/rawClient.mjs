import { identityOf } from '../lib/identity.mjs';

const TOPICS = ['bench.tick', 'operation.started', 'operation.progress', 'operation.completed'];

/**
 * A client of the hand-written Socket.IO server: a plain handshake naming the
 * user and tenant, a `join` event with an acknowledgement, one Socket.IO event
 * per topic.
 * @type {import('./clientFlavor.mjs').ClientFlavor}
 */
export const rawClient = {
  connectOptions(index) {
    return { path: '/socket.io', auth: identityOf(index) };
  },
  whenReady(socket) {
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve({ epoch: null }));
      socket.once('connect_error', reject);
    });
  },
  join(socket, room) {
    return new Promise((resolve) => socket.emit('join', room, () => resolve(undefined)));
  },
  listen(socket, handler) {
    for (const topic of TOPICS) {
      socket.on(topic, (/** @type {any} */ payload) => handler(topic, payload, payload?.seq));
    }
  },
  resume: null,
};
