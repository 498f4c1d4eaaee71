import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, ZodPipe, openApiSchema, uuidParam } from '@mes/platform';
import { CorrectResultDto, correctResultSchema } from './dto/correct-result.dto';
import { RecordResultDto, recordResultSchema } from './dto/record-result.dto';
import { TestOrderService } from './test-order.service';
import { TestResultService } from './test-result.service';

@ApiTags('test-orders')
@ApiBearerAuth()
@Controller()
export class TestOrdersController {
  constructor(
    private readonly testOrders: TestOrderService,
    private readonly results: TestResultService,
  ) {}

  @Post('test-orders/:id/result')
  @Roles('qc-analyst')
  @ApiBody({ schema: openApiSchema(recordResultSchema) })
  recordResult(
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(recordResultSchema)) body: RecordResultDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.results.record(id, body, user);
  }

  @Post('test-orders/:id/result/correction')
  @HttpCode(200)
  @Roles('qc-analyst')
  @ApiBody({ schema: openApiSchema(correctResultSchema) })
  correctResult(
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(correctResultSchema)) body: CorrectResultDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.results.correct(id, body, user);
  }

  @Get('batches/:batchId/test-orders')
  @Roles('qc-analyst', 'qa', 'supervisor', 'admin')
  list(@Param('batchId', uuidParam('batchId')) batchId: string) {
    return this.testOrders.listForBatch(batchId);
  }
}
