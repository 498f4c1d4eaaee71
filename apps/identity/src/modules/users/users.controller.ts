import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, ZodPipe, openApiSchema } from '@mes/platform';
import { UnlockDto, unlockSchema, usernameParamSchema } from './dto/auth.dto';
import { UserAdminService } from './user-admin.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly admin: UserAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Every account with its lock state and consecutive failed signature/login counts (admin)' })
  list() {
    return this.admin.list();
  }

  /** Other services check a user reference here with the caller's token (e.g. batch-record before granting training). */
  @Get(':username')
  @Roles('qa', 'admin')
  @ApiOperation({ summary: 'One user as other services need to know them: name, roles, active (QA, admin); 404 unknown' })
  find(@Param('username', new ZodPipe(usernameParamSchema, 'username')) username: string) {
    return this.admin.find(username);
  }

  @Post(':username/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unlocks a locked account and resets its failure counts (admin); 404 unknown, 409 not locked' })
  @ApiBody({ schema: openApiSchema(unlockSchema), required: false })
  unlock(
    @CurrentUser() user: AuthUser,
    @Param('username', new ZodPipe(usernameParamSchema, 'username')) username: string,
    @Body(new ZodPipe(unlockSchema.optional())) body: UnlockDto | undefined,
  ) {
    return this.admin.unlock(user, username, body?.reason ?? null);
  }
}
