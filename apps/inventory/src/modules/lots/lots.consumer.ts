import { Injectable, OnModuleInit } from '@nestjs/common';
import { StepCompletedV1 } from '@mes/contracts';
import { EventConsumer } from '@mes/platform';
import { LotClocksService } from './lot-clocks.service';

/** Batch steps that thaw a material start its use-by clock. */
@Injectable()
export class LotsConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly clocks: LotClocksService,
  ) {}

  onModuleInit(): void {
    this.consumer.on(StepCompletedV1, (tx, event) => this.clocks.recordThaws(tx, event));
  }
}
