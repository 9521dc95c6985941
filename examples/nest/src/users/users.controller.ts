import { Controller, Get, UseGuards } from '@nestjs/common';
import type { DemoUser } from '@opwire-examples/demo-kit';
import { CurrentUser, DemoAuthGuard } from '../auth/demo-auth.guard.js';
import { UsersService } from './users.service.js';

@Controller('api/users')
@UseGuards(DemoAuthGuard)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@CurrentUser() user: DemoUser) {
    return { users: this.users.list(user.tenantId) };
  }
}
