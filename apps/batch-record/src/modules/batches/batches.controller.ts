import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, ZodPipe, openApiSchema, uuidParam } from '@mes/platform';
import { STAFF_ROLES } from '../../shared/viewer-scope';
import { BatchesService } from './batches.service';
import { CompleteStepDto, completeStepSchema } from './dto/complete-step.dto';
import { ListBatchesQuery, StartBatchDto, listBatchesQuerySchema, startBatchSchema } from './dto/start-batch.dto';
import { StepCompletionService } from './step-completion.service';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly stepCompletion: StepCompletionService,
  ) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiBody({ schema: openApiSchema(startBatchSchema) })
  start(@CurrentUser() user: AuthUser, @Body(new ZodPipe(startBatchSchema)) body: StartBatchDto) {
    return this.batches.start(user, body);
  }

  @Get()
  @Roles('clinic', ...STAFF_ROLES)
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listBatchesQuerySchema)) query: ListBatchesQuery) {
    return this.batches.list(user, query);
  }

  @Get(':id')
  @Roles('clinic', ...STAFF_ROLES)
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.batches.get(user, id);
  }

  @Post(':id/steps/:stepCode/complete')
  @Roles('operator', 'supervisor')
  @ApiBody({ schema: openApiSchema(completeStepSchema) })
  completeStep(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Param('stepCode') stepCode: string,
    @Body(new ZodPipe(completeStepSchema)) body: CompleteStepDto,
  ) {
    return this.stepCompletion.complete(user, id, stepCode, body);
  }
}
