import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { createOpwire, type Opwire, OpwireError, type OpwireOptions } from '@opwire/server';
import { gatewayServer } from './gatewayServer.js';
import type { OpwireModuleOptions, OpwireSocketTarget } from './opwireModuleOptions.js';
import { OPWIRE_HTTP_PATH, OPWIRE_MODULE_OPTIONS } from './tokens.js';

/**
 * The app's opwire, injectable anywhere. It is created at module init, once
 * Nest's HTTP server and gateways exist, and closed before the app shuts down
 * (while sockets are still connected, so the last events reach them). Nest
 * calls that hook on `app.close()`, and on signals after `app.enableShutdownHooks()`.
 */
@Injectable()
export class OpwireService implements OnModuleInit, BeforeApplicationShutdown {
  #opwire: Opwire | undefined;

  constructor(
    @Inject(OPWIRE_MODULE_OPTIONS) private readonly options: OpwireModuleOptions,
    @Inject(OPWIRE_HTTP_PATH) private readonly httpPath: string | false,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  /** Creates opwire; Nest calls it once the HTTP server and gateways exist. */
  onModuleInit(): void {
    const { gateway, server, ...options } = this.options;
    const target = gateway ? gatewayServer(this.moduleRef, gateway) : this.#target(server);
    this.#opwire = createOpwire({
      ...options,
      // Checked by shape at run time: a gateway's server comes from Nest's own socket.io copy.
      server: target as OpwireOptions['server'],
      ...(this.httpPath === false ? {} : { httpBasePath: this.httpPath }),
    });
  }

  /** Closes opwire (`opwire.close()`); Nest calls it when the app shuts down. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.#opwire?.close();
  }

  /** The opwire object (`operation`, `to`, `toast`, `events`, `io`, ...). */
  get opwire(): Opwire {
    if (this.#opwire === undefined) {
      throw new OpwireError(
        'invalid_option',
        'opwire is created when the Nest app initializes (app.init() or app.listen()); use OpwireService from onModuleInit or later, not in a constructor.',
      );
    }
    return this.#opwire;
  }

  /** Shortcut for `opwire.operation`: start, track, read and cancel operations. */
  get operation(): Opwire['operation'] {
    return this.opwire.operation;
  }

  #target(server: OpwireModuleOptions['server']): OpwireSocketTarget {
    if (typeof server === 'function') return server();
    if (server !== undefined) return server;
    const httpServer: unknown = this.adapterHost.httpAdapter?.getHttpServer();
    if (httpServer === undefined) {
      throw new OpwireError(
        'invalid_option',
        'OpwireModule found no HTTP server: create the app with NestFactory.create(), or pass `gateway` or `server`.',
      );
    }
    return httpServer as OpwireSocketTarget;
  }
}
