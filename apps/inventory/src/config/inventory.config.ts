import { z } from 'zod';
import { baseConfigSchema } from '@mes/platform';

export const inventoryConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.literal('inventory').default('inventory'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3002),
});

export type InventoryConfig = z.infer<typeof inventoryConfigSchema>;
