import { Module } from '@nestjs/common';
import { ClinicDirectoryRepository } from './clinic-directory.repository';
import { PendingEventRepository } from './pending-event.repository';

/** The clinic read model built from events: order/batch → clinic and COI, and the events waiting for it. */
@Module({ providers: [ClinicDirectoryRepository, PendingEventRepository], exports: [ClinicDirectoryRepository, PendingEventRepository] })
export class ClinicDirectoryModule {}
