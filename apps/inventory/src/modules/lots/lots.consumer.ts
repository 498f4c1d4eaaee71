import { StepCompletedV1 } from '@mes/contracts';
import { Consumed, EventConsumer, EventContext, OnEvent } from '@mes/platform';
import { StepMaterialsService } from './step-materials.service';

/** Batch steps that thaw a material start its use-by clock; steps that consume material draw down the lot. */
@EventConsumer(StepCompletedV1)
export class LotsConsumer {
  constructor(private readonly materials: StepMaterialsService) {}

  @OnEvent(StepCompletedV1)
  stepCompleted(event: Consumed<typeof StepCompletedV1>, { tx }: EventContext) {
    return this.materials.apply(tx, event);
  }
}
