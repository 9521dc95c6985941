import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createOpwire, type Opwire, type OpwireOptions } from '@opwire/server';
import { OPWIRE_OPTIONS } from './opwire.constants.js';

/** opwire's options without `server`: the module attaches to Nest's own HTTP server. */
export type OpwireModuleOptions = Omit<OpwireOptions, 'server'>;

/**
 * The opwire instance of this app, injectable anywhere. It is created once
 * Nest's HTTP server exists (module init), serves opwire's HTTP API next to
 * the app's routes, and closes when the app shuts down.
 */
@Injectable()
export class OpwireService implements OnModuleInit, OnApplicationShutdown {
  #opwire: Opwire | undefined;

  constructor(
    @Inject(OPWIRE_OPTIONS) private readonly options: OpwireModuleOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const { httpAdapter } = this.adapterHost;
    this.#opwire = createOpwire({ ...this.options, server: httpAdapter.getHttpServer() });
    httpAdapter.use(this.#opwire.http);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.#opwire?.close();
  }

  /** The underlying opwire instance, for what this service does not forward. */
  get instance(): Opwire {
    if (!this.#opwire) throw new Error('opwire is created when the Nest app initializes.');
    return this.#opwire;
  }

  get operation(): Opwire['operation'] {
    return this.instance.operation;
  }

  to(...args: Parameters<Opwire['to']>): ReturnType<Opwire['to']> {
    return this.instance.to(...args);
  }

  toast(...args: Parameters<Opwire['toast']>): ReturnType<Opwire['toast']> {
    return this.instance.toast(...args);
  }

  refreshTables(...args: Parameters<Opwire['refreshTables']>): ReturnType<Opwire['refreshTables']> {
    return this.instance.refreshTables(...args);
  }
}
