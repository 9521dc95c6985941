/**
 * opwire in NestJS: `OpwireModule.forRoot()` / `forRootAsync()`, the injectable
 * `OpwireService`, opwire's HTTP routes as a Nest controller, and
 * `OpwireAuthGuard` with `@CurrentPrincipal()` for the app's own routes.
 *
 * @module @opwire/nest
 */

export type { SocketIONamespaceLike, SocketIOServerLike } from '@opwire/server';
export { CurrentPrincipal } from './currentPrincipal.js';
export type { RequestWithOpwirePrincipal } from './opwireAuthGuard.js';
export { OpwireAuthGuard } from './opwireAuthGuard.js';
export { OpwireModule } from './opwireModule.js';
export type {
  OpwireHttpOptions,
  OpwireModuleAsyncOptions,
  OpwireModuleOptions,
  OpwireRoutesOptions,
  OpwireSocketTarget,
} from './opwireModuleOptions.js';
export { OpwireService } from './opwireService.js';
export { OPWIRE_MODULE_OPTIONS } from './tokens.js';
