import type {
  CanActivate,
  InjectionToken,
  ModuleMetadata,
  NestInterceptor,
  Type,
} from '@nestjs/common';
import type { OpwireOptions } from '@opwire/server';

/** Where opwire's sockets connect, other than its own Socket.IO server on Nest's HTTP server. */
export type OpwireSocketTarget = OpwireOptions['server'];

/**
 * opwire's options in a Nest app: those of `createOpwire()`, except that the
 * server is found for you and the HTTP path is set by the module's `http`.
 */
export interface OpwireModuleOptions extends Omit<OpwireOptions, 'server' | 'httpBasePath'> {
  /**
   * A gateway class whose `@WebSocketServer()` server or namespace opwire uses,
   * e.g. `EventsGateway`. Clients then connect at the gateway's path and
   * namespace. Without `gateway` and `server`, opwire attaches its own
   * Socket.IO server to Nest's HTTP server (at `path`, default `/opwire/socket.io`).
   */
  gateway?: Type<object>;
  /**
   * The HTTP server, Socket.IO server or namespace to use, or a function
   * returning it, called once Nest has set up its gateways (module init).
   */
  server?: OpwireSocketTarget | (() => OpwireSocketTarget);
}

/** How opwire's HTTP routes (operations, cancel, stats, metrics) are served. */
export interface OpwireHttpOptions {
  /**
   * Path of the controller serving them, under the app's global prefix.
   * Clients' `apiPath` must be the full path (global prefix included).
   * @default '/opwire/api'
   */
  path?: string;
  /** Guards for these routes only; global guards apply to them anyway. @default [] */
  guards?: ReadonlyArray<CanActivate | Type<CanActivate>>;
  /** Interceptors for these routes only; global interceptors apply anyway. @default [] */
  interceptors?: ReadonlyArray<NestInterceptor | Type<NestInterceptor>>;
}

/** What decides the module's controllers, so it is given up front (not by a factory). */
export interface OpwireRoutesOptions {
  /** Options of opwire's HTTP routes, or `false` to serve none. @default {} */
  http?: OpwireHttpOptions | false;
}

/** Options of `OpwireModule.forRootAsync()`: a factory of the options, ConfigService style. */
export interface OpwireModuleAsyncOptions extends OpwireRoutesOptions {
  /** Modules whose providers the factory injects (e.g. `ConfigModule`). @default [] */
  imports?: NonNullable<ModuleMetadata['imports']>;
  /** Providers handed to `useFactory`, in order (e.g. `[ConfigService]`). @default [] */
  inject?: InjectionToken[];
  /** Returns the options, or a promise of them. */
  useFactory: (...injected: never[]) => OpwireModuleOptions | Promise<OpwireModuleOptions>;
}
