import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '../access/access.decorators';
import { AuditVerification } from './audit-chain';
import { AuditTrail } from './audit-trail';

@ApiTags('audit-trail')
@Controller('audit-trail')
export class AuditTrailController {
  constructor(
    private readonly audit: AuditTrail,
    private readonly dataSource: DataSource,
  ) {}

  /** Recomputes the hash chain; 200 either way, `ok` says whether it is intact. */
  @Roles('qa', 'admin')
  @Get('verify')
  verify(): Promise<AuditVerification> {
    return this.audit.verify(this.dataSource.manager);
  }
}
