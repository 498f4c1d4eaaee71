import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentToken, CurrentUser, Roles, ZodPipe, openApiSchema, FACILITY_ROLES } from '@mes/platform';
import { TrainingService } from './training.service';

const grantSchema = z
  .object({
    username: z.string().min(1).max(100),
    operationCode: z.string().min(1).max(100),
    validUntil: z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset' }),
    reason: z.string().trim().min(3, 'must say why (e.g. the training record reference)').max(2000),
  })
  .strict();
const revokeSchema = z
  .object({ username: z.string().min(1).max(100), operationCode: z.string().min(1).max(100), reason: z.string().trim().min(3).max(2000) })
  .strict();
const listSchema = z.object({ username: z.string().min(1).max(100).optional() }).strict();

@ApiTags('training')
@ApiBearerAuth()
@Controller('training')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Get()
  @Roles(...FACILITY_ROLES)
  list(@Query(new ZodPipe(listSchema)) query: z.infer<typeof listSchema>) {
    return this.training.list(query);
  }

  @Get('operations')
  @Roles(...FACILITY_ROLES)
  operations() {
    return this.training.operations();
  }

  @Post()
  @HttpCode(200)
  @Roles('qa', 'admin')
  @ApiBody({ schema: openApiSchema(grantSchema) })
  grant(@CurrentUser() user: AuthUser, @CurrentToken() token: string, @Body(new ZodPipe(grantSchema)) body: z.infer<typeof grantSchema>) {
    return this.training.grant(user, token, { ...body, validUntil: new Date(body.validUntil) });
  }

  @Post('revoke')
  @HttpCode(200)
  @Roles('qa', 'admin')
  @ApiBody({ schema: openApiSchema(revokeSchema) })
  revoke(@CurrentUser() user: AuthUser, @Body(new ZodPipe(revokeSchema)) body: z.infer<typeof revokeSchema>) {
    return this.training.revoke(user, body);
  }
}
