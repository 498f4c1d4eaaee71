import { EventDefinition } from '@mes/contracts';
import { ApheresisReceivedV1, BatchStartedV1, StepCompletedV1 } from '@mes/contracts';

/** Every event inventory consumes: the boot stops unless each has its @OnEvent handler in a registered consumer, and each handler is listed. */
export const INVENTORY_CONSUMES: readonly EventDefinition[] = [StepCompletedV1, ApheresisReceivedV1, BatchStartedV1];
