// A Nest app whose gateway owns the Socket.IO server (Nest's platform-socket.io and
// its own socket.io copy); opwire uses that gateway's namespace.
import { Module } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { testAuth } from '@opwire/test-kit/tokens';
import type { Namespace } from 'socket.io';
import { OpwireModule } from '../../index.js';

/** The app's own gateway, with its own events next to opwire's. */
@WebSocketGateway({ namespace: 'live' })
export class LiveGateway {
  @WebSocketServer()
  server!: Namespace;

  @SubscribeMessage('echo')
  echo(@MessageBody() body: unknown, @ConnectedSocket() _socket: unknown): unknown {
    return body;
  }
}

@Module({
  imports: [OpwireModule.forRoot({ auth: testAuth, gateway: LiveGateway, http: false })],
  providers: [LiveGateway],
})
export class GatewayAppModule {}
