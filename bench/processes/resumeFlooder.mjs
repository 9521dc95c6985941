// The attacker of bench/security.mjs: one socket that asks to resume the same long operation
// hundreds of times per request, as often as the rate limit lets it, and counts what it got.
import jwt from 'jsonwebtoken';
import { io } from 'socket.io-client';
import { BENCH_JWT_SECRET } from '../lib/identity.mjs';
import { childConfig, exitWithParent, serve } from './serve.mjs';

exitWithParent();
const { url, longId, copies = 500, perSecond = 20 } = childConfig();
const token = jwt.sign({ sub: 'mallory', tid: 'acme' }, BENCH_JWT_SECRET, { expiresIn: 3600 });
const socket = io(url, {
  path: '/opwire/socket.io',
  auth: { token, v: 1 },
  transports: ['websocket'],
  reconnection: false,
});
const epoch = await new Promise((resolve) =>
  socket.once('opwire:hello', (hello) => resolve(hello.epoch)),
);
const request = {
  operations: Array.from({ length: copies }, () => ({ id: longId, seq: 0, epoch })),
};
const counts = { sent: 0, answered: 0, limited: 0, bytes: 0, disconnected: false };
socket.on('disconnect', () => {
  counts.disconnected = true;
});
/** @type {NodeJS.Timeout | undefined} */
let timer;

serve(
  {
    start: () => {
      timer = setInterval(() => {
        counts.sent += 1;
        socket.emit('opwire:resume', request, (answer) => {
          if (answer.ok) {
            counts.answered += 1;
            counts.bytes += Buffer.byteLength(JSON.stringify(answer));
          } else counts.limited += 1;
        });
      }, 1000 / perSecond);
    },
    stop: () => {
      clearInterval(timer);
      return counts;
    },
  },
  {},
);
