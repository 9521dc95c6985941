/**
 * A Nest 12 app on the packed @opwire/nest, compiled with tsc as Nest apps are
 * (legacy decorators and their metadata): opwire on the namespace of a gateway
 * of Nest's own socket.io copy, a route behind OpwireAuthGuard, opwire's HTTP
 * routes through Nest. It checks itself with real requests and a real client,
 * prints what it saw as JSON and exits.
 */
export const nestConsumer = `import 'reflect-metadata';
import { Controller, Get, Inject, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { createOpwireClient } from '@opwire/client';
import { CurrentPrincipal, OpwireAuthGuard, OpwireModule, OpwireService } from '@opwire/nest';
import { jwtAuth, type Principal } from '@opwire/server';
import jwt from 'jsonwebtoken';
import type { AddressInfo } from 'node:net';
import type { Namespace } from 'socket.io';

const secret = 'packed-nest-secret';
const token = jwt.sign({ sub: 'u1' }, secret, { algorithm: 'HS256', expiresIn: '5m' });

@WebSocketGateway({ namespace: 'live' })
class LiveGateway {
  @WebSocketServer() server!: Namespace;
}

@Controller('api')
@UseGuards(OpwireAuthGuard)
class MeController {
  constructor(@Inject(OpwireService) private readonly opwire: OpwireService) {}

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('export')
  start(@CurrentPrincipal() principal: Principal) {
    const { id } = this.opwire.operation.track('export', async (op) => {
      op.progress(50, 'half');
      return { rows: 3 };
    }, { audience: { user: principal.userId } });
    return { operationId: id };
  }
}

@Module({
  imports: [
    OpwireModule.forRootAsync({
      useFactory: () => ({
        auth: jwtAuth({ secret, algorithms: ['HS256'], claims: (p) => ({ userId: String(p.sub), roles: [] }) }),
        gateway: LiveGateway,
      }),
    }),
  ],
  controllers: [MeController],
  providers: [LiveGateway],
})
class AppModule {}

const app = await NestFactory.create(AppModule, { logger: false });
await app.listen(0, '127.0.0.1');
const url = 'http://127.0.0.1:' + (app.getHttpServer().address() as AddressInfo).port;
const headers = { authorization: 'Bearer ' + token };

const me = await (await fetch(url + '/api/me', { headers })).json();
const anonymous = (await fetch(url + '/api/me')).status;
const client = createOpwireClient({ url, path: '/socket.io', namespace: '/live', token, transports: ['websocket'] });
const { operationId } = (await (await fetch(url + '/api/export', { headers })).json()) as { operationId: string };
const result = await client.operation(operationId).done;
const listed = await (await fetch(url + '/opwire/api/operations?status=all', { headers })).json();
client.close();
await app.close();
console.log(JSON.stringify({ me, anonymous, result, listed: listed.operations.length }));
process.exit(0);
`;

/** Compiler options of the Nest consumer: those of a Nest 12 app, strict. */
export const nestCompilerOptions = {
  module: 'nodenext',
  moduleResolution: 'nodenext',
  target: 'es2022',
  lib: ['es2022', 'dom'],
  strict: true,
  skipLibCheck: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  outDir: 'dist-nest',
};
