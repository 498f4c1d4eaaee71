import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, uuidParam, FACILITY_ROLES } from '@mes/platform';
import { ApheresisService } from './apheresis.service';

@ApiTags('apheresis')
@ApiBearerAuth()
@Controller('apheresis')
export class ApheresisController {
  constructor(private readonly apheresis: ApheresisService) {}

  @Get(':orderId')
  @Roles(...FACILITY_ROLES)
  get(@Param('orderId', uuidParam('orderId')) orderId: string) {
    return this.apheresis.get(orderId);
  }
}
