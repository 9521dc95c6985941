/**
 * Express integration: `opwireExpress(app, options)` mounts opwire's routes,
 * attaches Socket.IO once the server exists, and gives an `authenticate`
 * middleware with the same auth; `checkRoutes()` tells whether something
 * mounted earlier shadows opwire's routes.
 *
 * @module @opwire/server/express
 */
import type { Principal } from '@opwire/protocol';

// In the entry file, so the published declarations keep it.
declare global {
  // Express declares its request type in this global namespace; middleware types what it adds there.
  namespace Express {
    interface Request {
      /** The caller, set by `authenticate` from `@opwire/server/express` with opwire's auth. */
      opwirePrincipal?: Principal;
    }
  }
}

export type { ExpressMountable, OpwireExpress, OpwireExpressOptions } from './opwireExpress.js';
export { opwireExpress } from './opwireExpress.js';
export type { RoutesCheck } from './routesCheck.js';
