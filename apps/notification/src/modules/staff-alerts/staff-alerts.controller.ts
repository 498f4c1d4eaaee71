import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AllowQueryToken, AuthUser, CurrentUser, Roles, ZodPipe, uuidParam, FACILITY_ROLES } from '@mes/platform';
import { FeedPageQuery, FeedStreamQuery, feedPageQuerySchema, feedStreamQuerySchema, lastEventIdSchema } from '../streaming/feed';
import { SseHttpResponse } from '../streaming/sse-stream';
import { StaffAlertFeed } from './staff-alert-feed';

const listQueryPipe = new ZodPipe(feedPageQuerySchema);
const streamQueryPipe = new ZodPipe(feedStreamQuerySchema);
const lastEventIdPipe = new ZodPipe(lastEventIdSchema, 'Last-Event-ID');

/** Facility staff only: clinic users get 403 on every endpoint, even with a staff role as well. */
@ApiTags('staff alerts')
@ApiBearerAuth()
@Controller('alerts')
@Roles(...FACILITY_ROLES)
export class StaffAlertsController {
  constructor(private readonly feed: StaffAlertFeed) {}

  @Get()
  @ApiOperation({ summary: "Staff alerts addressed to one of the caller's roles, in seq order" })
  @ApiQuery({ name: 'unacknowledged', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'after', required: false, description: 'only alerts with a greater seq' })
  @ApiQuery({ name: 'limit', required: false, description: '1..500, default 100' })
  list(@CurrentUser() user: AuthUser, @Query(listQueryPipe) query: FeedPageQuery) {
    return this.feed.list(user, query);
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
    @Query(streamQueryPipe) query: FeedStreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: SseHttpResponse,
  ): Promise<void> {
    // Nest's @Headers takes no pipe: validate the resume point here, before the stream starts.
    return this.feed.stream(user, query, lastEventIdPipe.transform(lastEventId), res);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Records who acknowledged the alert and when; a repeat returns the first acknowledgement; 404 if unknown or not addressed to the caller',
  })
  acknowledge(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.feed.acknowledge(user, id);
  }
}
