import { Module } from '@nestjs/common';
import { AuditHistoryRepository } from '../inventory-audit';
import { EquipmentController } from './equipment.controller';
import { EquipmentRepository } from './equipment.repository';
import { EquipmentService } from './equipment.service';

@Module({
  controllers: [EquipmentController],
  providers: [EquipmentRepository, EquipmentService, AuditHistoryRepository],
})
export class EquipmentModule {}
