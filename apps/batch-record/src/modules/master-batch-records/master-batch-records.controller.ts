import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  AuthUser,
  CurrentToken,
  CurrentUser,
  Roles,
  ZodPipe,
  openApiSchema,
  uuidParam,
  FACILITY_ROLES,
  signatureInputSchema,
} from '@mes/platform';
import { MasterBatchRecordsService } from './master-batch-records.service';

const reasonSchema = z.object({ reason: z.string().trim().min(3, 'must say why').max(2000) }).strict();
const approveSchema = z.object({ signature: signatureInputSchema, comment: z.string().max(2000).optional() }).strict();

@ApiTags('master-batch-records')
@ApiBearerAuth()
@Controller('master-batch-records')
export class MasterBatchRecordsController {
  constructor(private readonly mbrs: MasterBatchRecordsService) {}

  @Get()
  @Roles(...FACILITY_ROLES)
  list() {
    return this.mbrs.list();
  }

  @Get(':id')
  @Roles(...FACILITY_ROLES)
  get(@Param('id', uuidParam('id')) id: string) {
    return this.mbrs.get(id);
  }

  /** The body is the MBR file's JSON content (see docs/mbr-format.md); it becomes a draft version. */
  @Post('import')
  @Roles('qa', 'admin', 'supervisor')
  import(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.mbrs.import(user, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('qa', 'admin', 'supervisor')
  submit(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.mbrs.submit(user, id);
  }

  @Post(':id/return-to-draft')
  @HttpCode(200)
  @Roles('qa')
  @ApiBody({ schema: openApiSchema(reasonSchema) })
  returnToDraft(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(reasonSchema)) body: z.infer<typeof reasonSchema>,
  ) {
    return this.mbrs.returnToDraft(user, id, body.reason);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('qa')
  @ApiBody({ schema: openApiSchema(approveSchema) })
  approve(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(approveSchema)) body: z.infer<typeof approveSchema>,
  ) {
    return this.mbrs.approve(user, token, id, body.signature, body.comment ?? null);
  }

  @Post(':id/make-effective')
  @HttpCode(200)
  @Roles('qa')
  makeEffective(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.mbrs.makeEffective(user, id);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles('qa')
  @ApiBody({ schema: openApiSchema(reasonSchema) })
  retire(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(reasonSchema)) body: z.infer<typeof reasonSchema>,
  ) {
    return this.mbrs.retire(user, id, body.reason);
  }
}
