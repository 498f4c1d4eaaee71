import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentToken, CurrentUser, Roles, ZodPipe, openApiSchema, uuidParam } from '@mes/platform';
import { resumeSchema as returnSchema, reviewCompleteSchema } from '../batches/dto/step-execution.dto';
import { ReviewService } from './review.service';

@ApiTags('review')
@ApiBearerAuth()
@Controller('batches/:id/review')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  /** Review by exception: only deviations, flagged values, corrections, timing exceptions, identity refusals, overrides and invalid signatures, with counts. */
  @Get()
  @Roles('qa', 'supervisor', 'admin')
  exceptions(@Param('id', uuidParam('id')) id: string) {
    return this.review.exceptions(id);
  }

  @Post('start')
  @HttpCode(200)
  @Roles('qa')
  start(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.review.start(user, id);
  }

  @Post('return')
  @HttpCode(200)
  @Roles('qa')
  @ApiBody({ schema: openApiSchema(returnSchema) })
  returnForCorrection(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(returnSchema)) body: z.infer<typeof returnSchema>,
  ) {
    return this.review.returnForCorrection(user, token, id, body.reason, body.signature);
  }

  @Post('complete')
  @HttpCode(200)
  @Roles('qa')
  @ApiBody({ schema: openApiSchema(reviewCompleteSchema) })
  complete(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
    @Param('id', uuidParam('id')) id: string,
    @Body(new ZodPipe(reviewCompleteSchema)) body: z.infer<typeof reviewCompleteSchema>,
  ) {
    return this.review.complete(user, token, id, body.signature, body.comment ?? null);
  }
}
