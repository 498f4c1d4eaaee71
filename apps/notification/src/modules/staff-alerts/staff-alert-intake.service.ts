import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@mes/contracts';
import { Clock } from '@mes/platform';
import { ClinicDirectoryRepository } from '../clinic-directory/clinic-directory.repository';
import { draftStaffAlert } from './staff-alert-rules';
import { StaffAlertRepository } from './staff-alert.repository';

/** Turns consumed events into staff alerts inside the consumer's transaction (the platform inbox makes redelivery a no-op). */
@Injectable()
export class StaffAlertIntakeService {
  constructor(
    private readonly alerts: StaffAlertRepository,
    private readonly directory: ClinicDirectoryRepository,
    private readonly clock: Clock,
  ) {}

  async handle(tx: EntityManager, event: EventEnvelope): Promise<void> {
    const draft = draftStaffAlert(event);
    if (!draft) return;
    // Staff know batches by lot number; the read model has it once the batch started (an alert never waits for it).
    const lotNumber =
      draft.lotNumber ??
      (draft.batchId ? ((await this.directory.findContext(tx, { kind: 'batch', id: draft.batchId }))?.lotNumber ?? null) : null);
    await this.alerts.insert(tx, {
      ...draft,
      lotNumber,
      sourceEventId: event.eventId,
      sourceEventType: event.type,
      occurredAt: new Date(event.occurredAt),
      createdAt: this.clock.now(),
    });
  }
}
