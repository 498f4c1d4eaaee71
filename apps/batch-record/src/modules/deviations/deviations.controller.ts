import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentToken, CurrentUser, Roles, ZodPipe, openApiSchema, uuidParam, signatureInputSchema } from '@mes/platform';
import { DeviationService } from './deviation.service';

const classification = z.enum(['minor', 'major', 'critical']);
const openSchema = z
  .object({
    stepCode: z.string().min(1).max(100).optional(),
    classification,
    title: z.string().trim().min(3).max(200),
    description: z.string().trim().min(3).max(5000),
  })
  .strict();
const updateSchema = z
  .object({
    classification: classification.optional(),
    impact: z.string().trim().min(3).max(5000).optional(),
    actions: z.string().trim().min(3).max(5000).optional(),
    reason: z.string().trim().min(3, 'must say why').max(2000),
    /** Required (QA) to lower a critical deviation. */
    signature: signatureInputSchema.optional(),
  })
  .strict()
  .refine((b) => b.classification || b.impact || b.actions, 'change at least one of classification, impact, actions');
const closeSchema = z.object({ signature: signatureInputSchema, comment: z.string().max(2000).optional() }).strict();
const listSchema = z.object({ state: z.enum(['open', 'closed']).optional(), classification: classification.optional() }).strict();

@ApiTags('deviations')
@ApiBearerAuth()
@Controller()
export class DeviationsController {
  constructor(private readonly deviations: DeviationService) {}

  @Get('deviations')
  @Roles('operator', 'supervisor', 'qa', 'qc-analyst', 'admin')
  list(@Query(new ZodPipe(listSchema)) query: z.infer<typeof listSchema>) {
    return this.deviations.list(query);
  }

  @Get('deviations/:id')
  @Roles('operator', 'supervisor', 'qa', 'qc-analyst', 'admin')
  get(@Param('id', uuidParam('id')) id: string) {
    return this.deviations.get(id);
  }

  @Get('batches/:batchId/deviations')
  @Roles('operator', 'supervisor', 'qa', 'qc-analyst', 'admin')
  forBatch(@Param('batchId', uuidParam('batchId')) batchId: string) {
    return this.deviations.forBatch(batchId);
  }

  @Post('batches/:batchId/deviations')
  @Roles('operator', 'supervisor', 'qa')
  @ApiBody({ schema: openApiSchema(openSchema) })
  open(
    @CurrentUser() user: AuthUser,
    @Param('batchId', uuidParam('batchId')) batchId: string,
    @Body(new ZodPipe(openSchema)) body: z.infer<typeof openSchema>,
  ) {
    return this.deviations.openManual(user, batchId, {
      stepCode: body.stepCode ?? null,
      classification: body.classification,
      title: body.title,
      description: body.description,
    });
  }

  @Patch('deviations/:id')
  @Roles('supervisor', 'qa')
  @ApiBody({ schema: openApiSchema(updateSchema) })
  update(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(updateSchema)) body: z.infer<typeof updateSchema>,
  ) {
    return this.deviations.update(user, token, id, body);
  }

  @Post('deviations/:id/close')
  @HttpCode(200)
  @Roles('qa')
  @ApiBody({ schema: openApiSchema(closeSchema) })
  close(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(closeSchema)) body: z.infer<typeof closeSchema>,
  ) {
    return this.deviations.close(user, token, id, body.signature, body.comment ?? null);
  }
}
