import { jwtAuth } from '@opwire/server';
import { DEMO_SECRET } from './settings';

/** The one `auth` of the Next app's routes and the realtime server's sockets. */
export const auth = jwtAuth({
  secret: DEMO_SECRET,
  algorithms: ['HS256'],
  claims: (payload) =>
    typeof payload.sub === 'string' ? { userId: payload.sub, roles: [] } : null,
});
