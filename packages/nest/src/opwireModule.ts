import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { OpwireAuthGuard } from './opwireAuthGuard.js';
import { opwireHttpController } from './opwireHttpController.js';
import type {
  OpwireModuleAsyncOptions,
  OpwireModuleOptions,
  OpwireRoutesOptions,
} from './opwireModuleOptions.js';
import { OpwireService } from './opwireService.js';
import { OPWIRE_HTTP_PATH, OPWIRE_MODULE_OPTIONS } from './tokens.js';

const DEFAULT_HTTP_PATH = '/opwire/api';

/**
 * opwire in a Nest app. Global: `OpwireService` and `OpwireAuthGuard` can be
 * injected in every module. Serves opwire's HTTP routes through a Nest
 * controller unless `http: false`.
 *
 * @example
 * OpwireModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({
 *     auth: jwtAuth({ secret: config.getOrThrow('JWT_SECRET'), algorithms: ['HS256'], claims }),
 *   }),
 * })
 */
@Module({})
export class OpwireModule {
  /** With options known up front. */
  static forRoot(options: OpwireModuleOptions & OpwireRoutesOptions): DynamicModule {
    const { http, ...opwireOptions } = options;
    return moduleWith({ provide: OPWIRE_MODULE_OPTIONS, useValue: opwireOptions }, http);
  }

  /** With options from a factory, which can inject providers such as `ConfigService`. */
  static forRootAsync(options: OpwireModuleAsyncOptions): DynamicModule {
    const factory: Provider = {
      provide: OPWIRE_MODULE_OPTIONS,
      // Nest hands the `inject` providers to the factory in order.
      useFactory: options.useFactory as (...injected: unknown[]) => OpwireModuleOptions,
      inject: options.inject ?? [],
    };
    return { ...moduleWith(factory, options.http), imports: options.imports ?? [] };
  }
}

function moduleWith(
  optionsProvider: Provider,
  http: OpwireRoutesOptions['http'] = {},
): DynamicModule {
  const path = http === false ? false : normalizePath(http.path ?? DEFAULT_HTTP_PATH);
  return {
    module: OpwireModule,
    global: true,
    providers: [
      optionsProvider,
      { provide: OPWIRE_HTTP_PATH, useValue: path },
      OpwireService,
      OpwireAuthGuard,
    ],
    controllers: http === false || path === false ? [] : [opwireHttpController(path, http)],
    exports: [OpwireService, OpwireAuthGuard],
  };
}

/** `/base` with one leading slash and none at the end; `''` for the root. */
function normalizePath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}
