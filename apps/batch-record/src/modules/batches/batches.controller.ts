import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentToken, CurrentUser, Roles, ZodPipe, openApiSchema, uuidParam, FACILITY_ROLES } from '@mes/platform';
import { BatchesService } from './batches.service';
import {
  CompleteStepDto,
  CorrectStepDto,
  DecideStepDto,
  SkipStepDto,
  VerifyStepDto,
  completeStepSchema,
  correctStepSchema,
  decideStepSchema,
  holdSchema,
  resumeSchema,
  skipStepSchema,
  verifyStepSchema,
} from './dto/step-execution.dto';
import { ListBatchesQuery, StartBatchDto, listBatchesQuerySchema, startBatchSchema } from './dto/start-batch.dto';
import { StepExecutionService } from './step-execution.service';
import { StepSignoffService } from './step-signoff.service';

const stepCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9-]*$/, 'must be a step code')
  .max(100);

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly execution: StepExecutionService,
    private readonly signoff: StepSignoffService,
  ) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiBody({ schema: openApiSchema(startBatchSchema) })
  start(@CurrentUser() user: AuthUser, @Body(new ZodPipe(startBatchSchema)) body: StartBatchDto) {
    return this.batches.start(user, body);
  }

  @Get()
  @Roles('clinic', ...FACILITY_ROLES)
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listBatchesQuerySchema)) query: ListBatchesQuery) {
    return this.batches.list(user, query);
  }

  @Get(':id')
  @Roles('clinic', ...FACILITY_ROLES)
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.batches.get(user, id);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Roles('operator', 'supervisor', 'qa')
  @ApiBody({ schema: openApiSchema(holdSchema) })
  hold(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(holdSchema)) body: z.infer<typeof holdSchema>,
  ) {
    return this.batches.hold(user, id, body.reason);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiBody({ schema: openApiSchema(resumeSchema) })
  resume(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(resumeSchema)) body: z.infer<typeof resumeSchema>,
  ) {
    return this.batches.resume(user, token, id, body.reason, body.signature);
  }

  @Post(':id/steps/:stepCode/start')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  startStep(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Param('stepCode', new ZodPipe(stepCode)) code: string,
  ) {
    return this.execution.start(user, id, code);
  }

  @Post(':id/steps/:stepCode/complete')
  @Roles('operator', 'supervisor')
  @ApiBody({ schema: openApiSchema(completeStepSchema) })
  completeStep(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Param('stepCode', new ZodPipe(stepCode)) code: string,
    @Body(new ZodPipe(completeStepSchema)) body: CompleteStepDto,
  ) {
    return this.execution.complete(user, token, id, code, body);
  }

  @Post(':id/steps/:stepCode/verify')
  @HttpCode(200)
  @Roles('operator', 'supervisor', 'qa')
  @ApiBody({ schema: openApiSchema(verifyStepSchema) })
  verifyStep(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Param('stepCode', new ZodPipe(stepCode)) code: string,
    @Body(new ZodPipe(verifyStepSchema)) body: VerifyStepDto,
  ) {
    return this.signoff.verify(user, token, id, code, body);
  }

  @Post(':id/steps/:stepCode/decision')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiBody({ schema: openApiSchema(decideStepSchema) })
  decide(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Param('stepCode', new ZodPipe(stepCode)) code: string,
    @Body(new ZodPipe(decideStepSchema)) body: DecideStepDto,
  ) {
    return this.signoff.decide(user, token, id, code, body);
  }

  @Post(':id/steps/:stepCode/corrections')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiBody({ schema: openApiSchema(correctStepSchema) })
  correct(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Param('stepCode', new ZodPipe(stepCode)) code: string,
    @Body(new ZodPipe(correctStepSchema)) body: CorrectStepDto,
  ) {
    return this.signoff.correct(user, token, id, code, body);
  }

  @Post(':id/steps/:stepCode/skip')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiBody({ schema: openApiSchema(skipStepSchema) })
  skip(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Param('stepCode', new ZodPipe(stepCode)) code: string,
    @Body(new ZodPipe(skipStepSchema)) body: SkipStepDto,
  ) {
    return this.signoff.skip(user, token, id, code, body);
  }
}
