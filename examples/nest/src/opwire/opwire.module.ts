import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { OPWIRE_OPTIONS } from './opwire.constants.js';
import { type OpwireModuleOptions, OpwireService } from './opwire.service.js';

export interface OpwireModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  // biome-ignore lint/suspicious/noExplicitAny: Nest's own factory providers take any injected values.
  useFactory: (...args: any[]) => OpwireModuleOptions | Promise<OpwireModuleOptions>;
  inject?: (InjectionToken | OptionalFactoryDependency)[];
}

/**
 * Attaches opwire to the Nest app's HTTP server and provides `OpwireService`
 * to every module (it is global).
 */
@Module({})
export class OpwireModule {
  static forRoot(options: OpwireModuleOptions): DynamicModule {
    return {
      module: OpwireModule,
      global: true,
      providers: [{ provide: OPWIRE_OPTIONS, useValue: options }, OpwireService],
      exports: [OpwireService],
    };
  }

  static forRootAsync(options: OpwireModuleAsyncOptions): DynamicModule {
    return {
      module: OpwireModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: OPWIRE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        OpwireService,
      ],
      exports: [OpwireService],
    };
  }
}
