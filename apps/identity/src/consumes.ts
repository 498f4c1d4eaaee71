import { EventDefinition } from '@mes/contracts';

/** Every event identity consumes: the boot stops unless each has its @OnEvent handler in a registered consumer, and each handler is listed. */
export const IDENTITY_CONSUMES: readonly EventDefinition[] = [];
