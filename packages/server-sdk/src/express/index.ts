/**
 * Express integration: `opwireExpress(app, options)` mounts opwire's routes,
 * attaches Socket.IO once the server exists, and gives an `authenticate`
 * middleware with the same auth; `checkRoutes()` tells whether something
 * mounted earlier shadows opwire's routes.
 *
 * @module @opwire/server/express
 */
export type { ExpressMountable, OpwireExpress, OpwireExpressOptions } from './opwireExpress.js';
export { opwireExpress } from './opwireExpress.js';
export type { RoutesCheck } from './routesCheck.js';
