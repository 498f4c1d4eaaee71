import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventConsumer } from '@mes/platform';
import { STAFF_ALERT_EVENTS } from './staff-alert-rules';
import { StaffAlertIntakeService } from './staff-alert-intake.service';

/** Subscribes the service's consumer group to every event that can alert staff (including mes.identity.user.v1). */
@Injectable()
export class StaffAlertConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly intake: StaffAlertIntakeService,
  ) {}

  onModuleInit(): void {
    for (const definition of STAFF_ALERT_EVENTS) this.consumer.on(definition, (tx, event) => this.intake.handle(tx, event));
  }
}
