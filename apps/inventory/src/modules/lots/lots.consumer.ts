import { Injectable, OnModuleInit } from '@nestjs/common';
import { StepCompletedV1 } from '@mes/contracts';
import { EventConsumer } from '@mes/platform';
import { StepMaterialsService } from './step-materials.service';

/** Batch steps that thaw a material start its use-by clock; steps that consume material draw down the lot. */
@Injectable()
export class LotsConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly materials: StepMaterialsService,
  ) {}

  onModuleInit(): void {
    this.consumer.on(StepCompletedV1, (tx, event) => this.materials.apply(tx, event));
  }
}
