import { BadRequestException, Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { OpwireAuthGuard } from '@opwire/nest';
import { type DemoUser, parseImportRequest } from '@opwire-examples/demo-kit';
import { CurrentDemoUser } from '../auth/current-demo-user.js';
import { ImportsService } from './imports.service.js';

@Controller('api/imports')
@UseGuards(OpwireAuthGuard)
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Answers at once with the operation id; progress goes out through opwire. */
  @Post()
  @HttpCode(202)
  start(@CurrentDemoUser() user: DemoUser, @Body() body: unknown) {
    const request = parseImportRequest(body);
    if (typeof request === 'string') throw new BadRequestException(request);
    return { operationId: this.imports.start(user, request) };
  }
}
