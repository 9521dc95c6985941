import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Req,
  Res,
  type Type,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { OpwireHttpOptions } from './opwireModuleOptions.js';
import { OpwireService } from './opwireService.js';

/**
 * A controller for opwire's HTTP routes at `path`. Nest routes each request,
 * so global and listed guards and interceptors run; each handler hands the raw
 * request to `opwire.http`, the one implementation of these routes, and
 * resolves once the answer is sent (so interceptors see the whole request).
 */
export function opwireHttpController(
  path: string,
  options: Pick<OpwireHttpOptions, 'guards' | 'interceptors'>,
): Type<object> {
  @Controller(path)
  class OpwireHttpController {
    constructor(@Inject(OpwireService) private readonly service: OpwireService) {}

    @Get('operations')
    list(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
      return this.#serve(req, res, '/operations');
    }

    @Get('operations/:id')
    get(
      @Req() req: IncomingMessage,
      @Res() res: ServerResponse,
      @Param('id') id: string,
    ): Promise<void> {
      return this.#serve(req, res, `/operations/${encodeURIComponent(id)}`);
    }

    @Post('operations/:id/cancel')
    cancel(
      @Req() req: IncomingMessage,
      @Res() res: ServerResponse,
      @Param('id') id: string,
    ): Promise<void> {
      return this.#serve(req, res, `/operations/${encodeURIComponent(id)}/cancel`);
    }

    @Get('stats')
    stats(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
      return this.#serve(req, res, '/stats');
    }

    @Get('metrics')
    metrics(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
      return this.#serve(req, res, '/metrics');
    }

    /**
     * Hands the request to `opwire.http` with its URL relative to opwire's base
     * path (as Express does for a mounted router), so a global prefix does
     * not hide the route from it.
     */
    #serve(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
      const url = req.url ?? '/';
      const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
      req.url = `${path}${route}${query}`;
      return new Promise<void>((resolve) => {
        res.once('close', resolve);
        this.service.opwire.http(req, res);
      }).finally(() => {
        req.url = url;
      });
    }
  }

  if (options.guards?.length) UseGuards(...options.guards)(OpwireHttpController);
  if (options.interceptors?.length) UseInterceptors(...options.interceptors)(OpwireHttpController);
  return OpwireHttpController;
}
