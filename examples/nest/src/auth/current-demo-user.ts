import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestWithOpwirePrincipal } from '@opwire/nest';
import { type DemoUser, findDemoUser } from '@opwire-examples/demo-kit';

/** The demo user whose token `OpwireAuthGuard` accepted (the guard checks it with opwire's auth). */
export const CurrentDemoUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): DemoUser | undefined => {
    const { opwirePrincipal } = context.switchToHttp().getRequest<RequestWithOpwirePrincipal>();
    return opwirePrincipal ? findDemoUser(opwirePrincipal.userId) : undefined;
  },
);
