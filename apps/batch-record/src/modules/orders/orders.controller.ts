import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, ZodPipe, openApiSchema, uuidParam, FACILITY_ROLES } from '@mes/platform';
import { ApheresisReceiptDto, apheresisReceiptSchema } from './dto/apheresis-receipt.dto';
import { PlaceOrderDto, placeOrderSchema } from './dto/place-order.dto';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @Roles('clinic')
  @ApiBody({ schema: openApiSchema(placeOrderSchema) })
  place(@CurrentUser() user: AuthUser, @Body(new ZodPipe(placeOrderSchema)) body: PlaceOrderDto) {
    return this.orders.place(user, body);
  }

  @Get()
  @Roles('clinic', ...FACILITY_ROLES)
  list(@CurrentUser() user: AuthUser) {
    return this.orders.list(user);
  }

  @Get(':id')
  @Roles('clinic', ...FACILITY_ROLES)
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.orders.get(user, id);
  }

  @Post(':id/apheresis-receipt')
  @Roles('operator', 'materials')
  @ApiBody({ schema: openApiSchema(apheresisReceiptSchema) })
  receiveApheresis(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(apheresisReceiptSchema)) body: ApheresisReceiptDto,
  ) {
    return this.orders.receiveApheresis(user, id, body);
  }

  @Get(':id/identity-refusals')
  @Roles('qa', 'supervisor', 'admin')
  identityRefusals(@Param('id', uuidParam('id')) id: string) {
    return this.orders.identityRefusals(id);
  }
}
