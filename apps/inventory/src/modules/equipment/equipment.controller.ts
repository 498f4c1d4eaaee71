import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles, ZodPipe, openApiSchema, uuidParam, FACILITY_ROLES } from '@mes/platform';
import { ChangeEquipmentStatusDto, changeEquipmentStatusSchema } from './dto/change-equipment-status.dto';
import { ListEquipmentQuery, listEquipmentQuerySchema } from './dto/list-equipment.query';
import { RecordCalibrationDto, calibrationSchema } from './dto/record-calibration.dto';
import { RegisterEquipmentDto, registerEquipmentSchema } from './dto/register-equipment.dto';
import { EquipmentService } from './equipment.service';

/** Who looks after equipment: the materials handler, the shop-floor supervisor, and admin. */
const EQUIPMENT_KEEPERS: Role[] = ['materials', 'supervisor', 'admin'];

@ApiTags('equipment')
@ApiBearerAuth()
@Controller('equipment')
export class EquipmentController {
  constructor(private readonly equipment: EquipmentService) {}

  @Post()
  @HttpCode(201)
  @Roles(...EQUIPMENT_KEEPERS)
  @ApiBody({ schema: openApiSchema(registerEquipmentSchema) })
  register(@Body(new ZodPipe(registerEquipmentSchema)) body: RegisterEquipmentDto, @CurrentUser() user: AuthUser) {
    return this.equipment.register(body, user);
  }

  @Post(':id/calibrations')
  @HttpCode(201)
  @Roles(...EQUIPMENT_KEEPERS)
  @ApiBody({ schema: openApiSchema(calibrationSchema) })
  calibrate(
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(calibrationSchema)) body: RecordCalibrationDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.equipment.recordCalibration(id, body, user);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles(...EQUIPMENT_KEEPERS)
  @ApiBody({ schema: openApiSchema(changeEquipmentStatusSchema) })
  changeStatus(
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(changeEquipmentStatusSchema)) body: ChangeEquipmentStatusDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.equipment.changeStatus(id, body, user);
  }

  @Get()
  @Roles(...FACILITY_ROLES)
  list(@Query(new ZodPipe(listEquipmentQuerySchema)) query: ListEquipmentQuery) {
    return this.equipment.list(query);
  }

  @Get(':id')
  @Roles(...FACILITY_ROLES)
  get(@Param('id', uuidParam('id')) id: string) {
    return this.equipment.get(id);
  }

  @Get(':id/audit-trail')
  @Roles(...FACILITY_ROLES)
  auditTrail(@Param('id', uuidParam('id')) id: string) {
    return this.equipment.auditTrail(id);
  }
}
