import { Controller, Get, UseGuards } from '@nestjs/common';
import { OpwireAuthGuard } from '@opwire/nest';
import type { DemoUser } from '@opwire-examples/demo-kit';
import { CurrentDemoUser } from '../auth/current-demo-user.js';
import { UsersService } from './users.service.js';

@Controller('api/users')
@UseGuards(OpwireAuthGuard)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@CurrentDemoUser() user: DemoUser) {
    return { users: this.users.list(user.tenantId) };
  }
}
