import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@mes/platform';
import { STAFF_ROLES } from '../../shared/viewer-scope';
import { MasterBatchRecordsService } from './master-batch-records.service';

@ApiTags('master-batch-records')
@ApiBearerAuth()
@Controller('master-batch-records')
export class MasterBatchRecordsController {
  constructor(private readonly mbrs: MasterBatchRecordsService) {}

  @Get()
  @Roles(...STAFF_ROLES)
  list() {
    return this.mbrs.list();
  }
}
