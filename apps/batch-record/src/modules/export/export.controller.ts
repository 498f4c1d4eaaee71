import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, uuidParam } from '@mes/platform';
import { ExportService } from './export.service';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get(':id/export.json')
  @Roles('qa', 'supervisor', 'admin')
  json(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.exports.json(user, id);
  }

  @Get(':id/export.pdf')
  @Roles('qa', 'supervisor', 'admin')
  @Header('content-type', 'application/pdf')
  async pdf(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string): Promise<StreamableFile> {
    const pdf = await this.exports.pdf(user, id);
    return new StreamableFile(pdf, { disposition: `attachment; filename="batch-record-${id}.pdf"`, length: pdf.length });
  }
}
