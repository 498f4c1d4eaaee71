import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, AuthUser, CurrentUser, FACILITY_ROLES, Public, Roles, ZodPipe, openApiSchema } from '@mes/platform';
import { AuthService } from './auth.service';
import { CredentialThrottleGuard } from './credential-throttle';
import {
  ConfirmSignatureDto,
  LoginDto,
  ReauthenticateDto,
  confirmSignatureSchema,
  loginSchema,
  reauthenticateSchema,
} from './dto/auth.dto';
import { SignatureService } from './signature.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signatures: SignatureService,
  ) {}

  @Public()
  @Post('login')
  @UseGuards(CredentialThrottleGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in: a bearer token for a new session; 401 wrong credentials, 423 account locked, 429 too many attempts' })
  @ApiBody({ schema: openApiSchema(loginSchema) })
  login(@Body(new ZodPipe(loginSchema)) body: LoginDto) {
    return this.auth.login(body.username, body.password);
  }

  /** Credential re-entry for an electronic signature; other services call it with the signer's token. Clinic users never sign. */
  @ApiBearerAuth()
  @Roles(...FACILITY_ROLES)
  @Post('reauthenticate')
  @UseGuards(CredentialThrottleGuard)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Checks e-signature credentials: username and password at the first signature of a session, then the password; 422 refused, 423 locked, 429 too many attempts',
  })
  @ApiBody({ schema: openApiSchema(reauthenticateSchema) })
  reauthenticate(@CurrentUser() user: AuthUser, @Body(new ZodPipe(reauthenticateSchema)) body: ReauthenticateDto) {
    return this.signatures.reauthenticate(user, body);
  }

  /** A signing service's transaction committed: the session's first signature counts from now on (a rolled-back one never does). */
  @ApiBearerAuth()
  @Roles(...FACILITY_ROLES)
  @Post('signatures/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: "Confirms that the session's first signature committed; 422 confirmation refused" })
  @ApiBody({ schema: openApiSchema(confirmSignatureSchema) })
  async confirmSignature(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(confirmSignatureSchema)) body: ConfirmSignatureDto,
  ): Promise<void> {
    await this.signatures.confirm(user, body.confirmation);
  }

  @ApiBearerAuth()
  @AnyAuthenticated()
  @Get('me')
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
