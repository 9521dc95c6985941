import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { OpwireAuthGuard } from '@opwire/nest';
import { type DemoUser, demoLogin } from '@opwire-examples/demo-kit';
import { CurrentDemoUser } from './current-demo-user.js';

@Controller('api')
export class AuthController {
  /** DEMO ONLY: issues tokens for the demo users (password "demo"). */
  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown) {
    const login = demoLogin(body);
    if (!login) throw new UnauthorizedException('Unknown demo user or wrong password');
    return login;
  }

  @Get('me')
  @UseGuards(OpwireAuthGuard)
  me(@CurrentDemoUser() user: DemoUser) {
    return { user };
  }
}
