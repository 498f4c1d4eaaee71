import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, ZodPipe, openApiSchema, uuidParam, FACILITY_ROLES } from '@mes/platform';
import { ListLotsQuery, listLotsQuerySchema } from './dto/list-lots.query';
import { ReceiveLotDto, receiveLotSchema } from './dto/receive-lot.dto';
import { RejectLotDto, ReleaseLotDto, rejectLotSchema, releaseLotSchema } from './dto/change-lot-status.dto';
import { LotsService } from './lots.service';

@ApiTags('lots')
@ApiBearerAuth()
@Controller('lots')
export class LotsController {
  constructor(private readonly lots: LotsService) {}

  @Post()
  @HttpCode(201)
  @Roles('materials')
  @ApiBody({ schema: openApiSchema(receiveLotSchema) })
  receive(@Body(new ZodPipe(receiveLotSchema)) body: ReceiveLotDto, @CurrentUser() user: AuthUser) {
    return this.lots.receive(body, user);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('materials', 'qa')
  @ApiBody({ schema: openApiSchema(releaseLotSchema), required: false })
  release(
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(releaseLotSchema)) body: ReleaseLotDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.lots.release(id, body?.reason ?? null, user);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('materials', 'qa')
  @ApiBody({ schema: openApiSchema(rejectLotSchema) })
  reject(@Param('id', uuidParam('id')) id: string, @Body(new ZodPipe(rejectLotSchema)) body: RejectLotDto, @CurrentUser() user: AuthUser) {
    return this.lots.reject(id, body.reason, user);
  }

  @Get()
  @Roles(...FACILITY_ROLES)
  list(@Query(new ZodPipe(listLotsQuerySchema)) query: ListLotsQuery) {
    return this.lots.list(query);
  }

  @Get(':id')
  @Roles(...FACILITY_ROLES)
  get(@Param('id', uuidParam('id')) id: string) {
    return this.lots.get(id);
  }

  @Get(':id/consumptions')
  @Roles(...FACILITY_ROLES)
  consumptions(@Param('id', uuidParam('id')) id: string) {
    return this.lots.consumptions(id);
  }

  @Get(':id/audit-trail')
  @Roles(...FACILITY_ROLES)
  auditTrail(@Param('id', uuidParam('id')) id: string) {
    return this.lots.auditTrail(id);
  }
}
