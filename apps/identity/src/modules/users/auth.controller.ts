import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentUser, Public, ZodPipe, openApiSchema } from '@mes/platform';
import { AuthService } from './auth.service';

const reauthenticateSchema = z.object({ password: z.string().min(1).max(200) }).strict();
const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict();

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(loginSchema) })
  login(@Body(new ZodPipe(loginSchema)) body: z.infer<typeof loginSchema>) {
    return this.auth.login(body.username, body.password);
  }

  /** Password re-entry for an electronic signature; other services call it with the signer's token. */
  @ApiBearerAuth()
  @Post('reauthenticate')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(reauthenticateSchema) })
  reauthenticate(@CurrentUser() user: AuthUser, @Body(new ZodPipe(reauthenticateSchema)) body: z.infer<typeof reauthenticateSchema>) {
    return this.auth.reauthenticate(user, body.password);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
