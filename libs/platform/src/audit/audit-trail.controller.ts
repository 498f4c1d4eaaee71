import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodPipe } from '../http/zod.pipe';
import { Roles } from '../access/access.decorators';
import { FACILITY_ROLES } from '../access/roles';
import { AuditVerification } from './audit-chain';
import { AuditHistoryEntry, AuditTrail } from './audit-trail';

const entityName = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be an audited entity name, e.g. batch_step');
const entityId = z.string().min(1).max(200);

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

  /** One record's audit history, oldest first: facility staff only (a clinic never reads the facility's trail). */
  @Roles(...FACILITY_ROLES)
  @Get(':entity/:id')
  history(
    @Param('entity', new ZodPipe(entityName, 'entity')) entity: string,
    @Param('id', new ZodPipe(entityId, 'id')) id: string,
  ): Promise<AuditHistoryEntry[]> {
    return this.audit.history(this.dataSource.manager, entity, id);
  }
}
