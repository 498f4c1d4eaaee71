import { Injectable } from '@nestjs/common';
import { MasterBatchRecordRepository } from './master-batch-record.repository';
import { StepDefinition } from './step-definition';

export interface MbrView {
  id: string;
  code: string;
  version: number;
  productCode: string;
  name: string;
  status: string;
  steps: StepDefinition[];
}

@Injectable()
export class MasterBatchRecordsService {
  constructor(private readonly mbrs: MasterBatchRecordRepository) {}

  async list(): Promise<MbrView[]> {
    return (await this.mbrs.listWithSteps()).map(({ mbr, steps }) => ({
      id: mbr.id,
      code: mbr.code,
      version: mbr.version,
      productCode: mbr.productCode,
      name: mbr.name,
      status: mbr.status,
      steps: steps.map((s) => s.definition),
    }));
  }
}
