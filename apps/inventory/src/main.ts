import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '@mes/platform';
import { AppModule } from './app.module';
import { inventoryConfigSchema } from './config/inventory.config';

const config = loadServiceConfig(inventoryConfigSchema);
void bootstrapService(AppModule.register(config), config, {
  title: 'inventory',
  description: 'Reagent lots with shelf-life and thaw use-by clocks; apheresis hold-time clock.',
});
