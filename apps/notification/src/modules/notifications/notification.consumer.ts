import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventConsumer } from '@mes/platform';
import { NOTIFIED_EVENTS } from './notification-routing';
import { NotificationIntakeService } from './notification-intake.service';

/** Subscribes this service's consumer group to every event a clinic must hear about; inbox de-dup is the platform's. */
@Injectable()
export class NotificationConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly intake: NotificationIntakeService,
  ) {}

  onModuleInit(): void {
    for (const definition of NOTIFIED_EVENTS) this.consumer.on(definition, (tx, event) => this.intake.handle(tx, event));
  }
}
