import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { OpwireError, type Principal } from '@opwire/server';
import type { RequestWithOpwirePrincipal } from './opwireAuthGuard.js';

/**
 * The principal `OpwireAuthGuard` found for this request, as a handler
 * parameter: `me(@CurrentPrincipal() principal: Principal)`.
 */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context
      .switchToHttp()
      .getRequest<RequestWithOpwirePrincipal>().opwirePrincipal;
    if (principal === undefined) {
      throw new OpwireError(
        'invalid_option',
        '@CurrentPrincipal() needs OpwireAuthGuard on the route or controller: @UseGuards(OpwireAuthGuard).',
      );
    }
    return principal;
  },
);
