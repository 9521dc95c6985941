// A small Nest app using the module the way an app would: options from a config
// provider, a controller behind OpwireAuthGuard starting an operation, a global
// guard and a global interceptor that opwire's routes must go through too.

import type { ServerResponse } from 'node:http';
import {
  type CallHandler,
  type CanActivate,
  Controller,
  type ExecutionContext,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Module,
  type NestInterceptor,
  Post,
  UseGuards,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Principal } from '@opwire/server';
import { testAuth } from '@opwire/test-kit/tokens';
import { finalize, type Observable } from 'rxjs';
import { CurrentPrincipal, OpwireAuthGuard, OpwireModule, OpwireService } from '../../index.js';

/** Stands for a ConfigService: what the factory reads its settings from. */
@Injectable()
export class AppConfig {
  readonly shutdownGraceMs = 0;
}

@Module({ providers: [AppConfig], exports: [AppConfig] })
export class AppConfigModule {}

/** Refuses any request with `x-blocked: yes`; opwire's routes included. */
@Injectable()
export class BlockingGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    if (request.headers['x-blocked'] === 'yes') throw new ForbiddenException('blocked by the app');
    return true;
  }
}

/** Names the handler that ran in a response header; notes whether the answer was sent by its end. */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  static readonly completed: string[] = [];

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const name = `${context.getClass().name}.${context.getHandler().name}`;
    const response = context.switchToHttp().getResponse<ServerResponse>();
    response.setHeader('x-handled-by', name);
    return next
      .handle()
      .pipe(
        finalize(() => TracingInterceptor.completed.push(`${name} sent=${response.writableEnded}`)),
      );
  }
}

/** Lets a test release the operation it started. */
export const gate = { open: () => {} };

@Controller('imports')
@UseGuards(OpwireAuthGuard)
export class ImportsController {
  constructor(@Inject(OpwireService) private readonly opwire: OpwireService) {}

  @Post()
  @HttpCode(202)
  start(@CurrentPrincipal() principal: Principal) {
    const { id } = this.opwire.operation.track(
      'import',
      async (op) => {
        op.progress(50, 'half');
        await new Promise<void>((resolve) => {
          gate.open = resolve;
          op.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        return { rows: 2 };
      },
      { audience: { user: principal.userId } },
    );
    return { operationId: id };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }
}

@Module({
  imports: [
    OpwireModule.forRootAsync({
      imports: [AppConfigModule],
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        auth: testAuth,
        lifecycle: { shutdownGraceMs: config.shutdownGraceMs },
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [
    { provide: APP_GUARD, useClass: BlockingGuard },
    { provide: APP_INTERCEPTOR, useClass: TracingInterceptor },
  ],
})
export class ImportsAppModule {}
