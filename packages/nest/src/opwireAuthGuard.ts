import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { CredentialCarrier, Principal } from '@opwire/server';
import { OpwireService } from './opwireService.js';

/** A request `OpwireAuthGuard` let through: it carries the principal it found. */
export interface RequestWithOpwirePrincipal extends CredentialCarrier {
  /** Set by `OpwireAuthGuard` once the credentials passed. */
  opwirePrincipal?: Principal;
}

/**
 * Lets a request through when its `Authorization: Bearer` credentials pass
 * opwire's `auth`, the same check opwire's sockets and HTTP routes make, and
 * puts the principal on `request.opwirePrincipal` (read it with
 * `@CurrentPrincipal()`). Refused credentials answer 401; an authenticator
 * that could not decide (a key set out of reach) answers 503.
 */
@Injectable()
export class OpwireAuthGuard implements CanActivate {
  constructor(@Inject(OpwireService) private readonly service: OpwireService) {}

  /** Checks the credentials; resolves `true` or throws the HTTP exception to answer. */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithOpwirePrincipal>();
    const checked = await this.service.opwire.authenticateRequest(request);
    if (checked.ok) {
      request.opwirePrincipal = checked.principal;
      return true;
    }
    if (checked.code === 'unavailable') throw new ServiceUnavailableException(checked.message);
    throw new UnauthorizedException(checked.message);
  }
}
