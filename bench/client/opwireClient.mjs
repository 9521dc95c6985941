import { decodeOperationFrame, SOCKET_EVENTS } from '@opwire/protocol';
import jwt from 'jsonwebtoken';
import { BENCH_JWT_SECRET, identityOf } from '../lib/identity.mjs';

/**
 * A client of the opwire server speaking the wire protocol directly: a JWT in
 * the handshake, `opwire:hello`, `opwire:join` and `opwire:resume` requests
 * with acknowledgements, operation events as frames on `opwire:op` and every other message
 * an envelope on `opwire:message`.
 * @type {import('./clientFlavor.mjs').ClientFlavor}
 */
export const opwireClient = {
  connectOptions(index) {
    const { userId, tenantId } = identityOf(index);
    const token = jwt.sign({ sub: userId, tid: tenantId }, BENCH_JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 3600,
    });
    return { path: '/opwire/socket.io', auth: { token, v: 1, vmax: 2 } };
  },
  whenReady(socket) {
    return new Promise((resolve, reject) => {
      socket.once(SOCKET_EVENTS.hello, (/** @type {any} */ hello) =>
        resolve({ epoch: hello.epoch }),
      );
      socket.once('connect_error', reject);
    });
  },
  join(socket, room) {
    return new Promise((resolve, reject) => {
      socket.emit(SOCKET_EVENTS.join, { room }, (/** @type {any} */ ack) =>
        ack?.ok ? resolve(undefined) : reject(new Error(`join ${room}: ${JSON.stringify(ack)}`)),
      );
    });
  },
  listen(socket, handler) {
    socket.on(SOCKET_EVENTS.message, (/** @type {any} */ envelope) =>
      handler(envelope.topic, envelope.payload, envelope.seq),
    );
    socket.on(SOCKET_EVENTS.operation, (/** @type {unknown[]} */ ...frames) => {
      for (const frame of frames) {
        const event = decodeOperationFrame(frame);
        if (event) handler(event.topic, event.payload, event.seq);
      }
    });
  },
  resume(socket, operations) {
    return new Promise((resolve, reject) => {
      socket.emit(SOCKET_EVENTS.resume, { operations }, (/** @type {any} */ ack) =>
        ack?.ok ? resolve(ack) : reject(new Error(`resume: ${JSON.stringify(ack)}`)),
      );
    });
  },
};
