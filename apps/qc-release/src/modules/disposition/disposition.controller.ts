import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentToken, CurrentUser, Roles, ZodPipe, openApiSchema, uuidParam } from '@mes/platform';
import { DispositionService } from './disposition.service';
import { SignDispositionDto, signDispositionSchema } from './dto/sign-disposition.dto';

@ApiTags('disposition')
@ApiBearerAuth()
@Controller('batches/:batchId/disposition')
export class DispositionController {
  constructor(private readonly dispositions: DispositionService) {}

  @Post()
  @Roles('qa')
  @ApiBody({ schema: openApiSchema(signDispositionSchema) })
  sign(
    @Param('batchId', uuidParam('batchId')) batchId: string,
    @Body(new ZodPipe(signDispositionSchema)) body: SignDispositionDto,
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: string,
  ) {
    return this.dispositions.sign(batchId, body, user, token);
  }

  @Get('readiness')
  @Roles('qa', 'supervisor', 'admin')
  readiness(@Param('batchId', uuidParam('batchId')) batchId: string) {
    return this.dispositions.readiness(batchId);
  }

  @Get()
  @Roles('qa', 'supervisor', 'admin')
  get(@Param('batchId', uuidParam('batchId')) batchId: string) {
    return this.dispositions.get(batchId);
  }
}
