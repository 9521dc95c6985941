import { opwireClient } from './opwireClient.mjs';
import { rawClient } from './rawClient.mjs';

/**
 * A client of the hand-written Socket.IO server that authenticates: the same
 * signed JWT an opwire client sends, in the handshake's `auth.token` (the raw
 * server verifies it with `jwt: true`); otherwise the raw client.
 * @type {import('./clientFlavor.mjs').ClientFlavor}
 */
export const rawAuthClient = {
  ...rawClient,
  connectOptions(index) {
    const { auth } = opwireClient.connectOptions(index);
    return { path: '/socket.io', auth: { token: auth.token } };
  },
};
