// A gateway whose server opwire shares through forRootAsync, on a namespace of
// its own, with its HTTP routes at another path behind a guard of their own.
import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  Module,
  UnauthorizedException,
} from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { testAuth } from '@opwire/test-kit/tokens';
import type { Server } from 'socket.io';
import { OpwireModule } from '../../index.js';

/** The app's own gateway on the default namespace, for sockets opwire's auth would refuse. */
@WebSocketGateway()
export class PublicGateway {
  @WebSocketServer()
  server!: Server;
}

@Module({ providers: [PublicGateway], exports: [PublicGateway] })
export class PublicGatewayModule {}

/** Lets only requests from the internal network marker through. */
@Injectable()
export class InternalOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    if (request.headers['x-internal'] !== 'yes') throw new UnauthorizedException('internal only');
    return true;
  }
}

@Module({
  imports: [
    OpwireModule.forRootAsync({
      imports: [PublicGatewayModule],
      inject: [PublicGateway],
      useFactory: (gateway: PublicGateway) => ({
        auth: testAuth,
        server: () => gateway.server,
        namespace: '/opwire',
      }),
      http: { path: 'realtime/api', guards: [InternalOnlyGuard] },
    }),
  ],
})
export class SharedServerAppModule {}
