import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { type DemoUser, userFromAuthorization } from '@opwire-examples/demo-kit';

interface RequestWithUser {
  headers: { authorization?: string };
  user?: DemoUser;
}

/** Lets a request through when it carries a valid demo token (`Authorization: Bearer …`). */
@Injectable()
export class DemoAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const user = userFromAuthorization(request.headers.authorization);
    if (!user) throw new UnauthorizedException('Log in first');
    request.user = user;
    return true;
  }
}

/** The demo user `DemoAuthGuard` found. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<RequestWithUser>().user,
);
