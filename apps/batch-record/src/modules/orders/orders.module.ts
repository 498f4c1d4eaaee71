import { Module } from '@nestjs/common';
import { ChainOfIdentityModule } from '../chain-of-identity/chain-of-identity.module';
import { OrderRepository } from './order.repository';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [ChainOfIdentityModule],
  controllers: [OrdersController],
  providers: [OrdersService, OrderRepository],
  exports: [OrderRepository],
})
export class OrdersModule {}
