import { Module } from '@nestjs/common';
import { OpwireModule } from '@opwire/nest';
import { demoAuth } from '@opwire-examples/demo-kit';
import { AuthController } from './auth/auth.controller.js';
import { ImportsController } from './imports/imports.controller.js';
import { ImportsService } from './imports/imports.service.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

@Module({
  imports: [OpwireModule.forRootAsync({ useFactory: () => ({ auth: demoAuth() }) })],
  controllers: [AuthController, UsersController, ImportsController],
  providers: [UsersService, ImportsService],
})
export class AppModule {}
