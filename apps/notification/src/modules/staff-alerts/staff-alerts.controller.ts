import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AllowQueryToken, AuthUser, CurrentUser, Roles, ZodPipe, uuidParam, FACILITY_ROLES } from '@mes/platform';
import { SseHttpResponse } from '../streaming/sse-stream';
import {
  ListStaffAlertsQuery,
  StaffAlertStreamQuery,
  lastAlertIdSchema,
  listStaffAlertsQuerySchema,
  staffAlertStreamQuerySchema,
} from './dto/staff-alert-query.dto';
import { StaffAlertService } from './staff-alert.service';
import { StaffAlertStreamService } from './stream/staff-alert-stream.service';

const lastEventIdPipe = new ZodPipe(lastAlertIdSchema, 'Last-Event-ID');

/** Facility staff only: clinic users get 403 on every endpoint, even with a staff role as well. */
@ApiTags('staff alerts')
@ApiBearerAuth()
@Controller('alerts')
@Roles(...FACILITY_ROLES)
export class StaffAlertsController {
  constructor(
    private readonly alerts: StaffAlertService,
    private readonly streams: StaffAlertStreamService,
  ) {}

  @Get()
  @ApiOperation({ summary: "Staff alerts addressed to one of the caller's roles, in seq order" })
  @ApiQuery({ name: 'unacknowledged', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'after', required: false, description: 'only alerts with a greater seq' })
  @ApiQuery({ name: 'limit', required: false, description: '1..500, default 100' })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listStaffAlertsQuerySchema)) query: ListStaffAlertsQuery) {
    return this.alerts.list(user, query);
  }

  @Get('stream')
  @AllowQueryToken()
  @ApiOperation({
    summary: 'Server-Sent Events (event: staff-alert): replay after Last-Event-ID (or ?after=), then live; token may be ?access_token=',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'access_token', required: false })
  stream(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(staffAlertStreamQuerySchema)) query: StaffAlertStreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: SseHttpResponse,
  ): Promise<void> {
    // Nest's @Headers takes no pipe: validate the resume point here, before the stream starts.
    return this.streams.open(user, query, lastEventIdPipe.transform(lastEventId), res);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Records who acknowledged the alert and when; a repeat returns the first acknowledgement; 404 if unknown or not addressed to the caller',
  })
  acknowledge(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.alerts.acknowledge(user, id);
  }
}
