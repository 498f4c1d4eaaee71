import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AllowQueryToken, AuthUser, CLINIC_FEED_STAFF, CurrentUser, Roles, ZodPipe, uuidParam } from '@mes/platform';
import {
  FeedPageQuery,
  FeedStreamQuery,
  clinicQuery,
  feedPageQuerySchema,
  feedStreamQuerySchema,
  lastEventIdSchema,
} from '../streaming/feed';
import { SseHttpResponse } from '../streaming/sse-stream';
import { NotificationFeed } from './notification-feed';

const listQueryPipe = new ZodPipe(feedPageQuerySchema.extend(clinicQuery));
const streamQueryPipe = new ZodPipe(feedStreamQuerySchema.extend(clinicQuery));
const lastEventIdPipe = new ZodPipe(lastEventIdSchema, 'Last-Event-ID');

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly feed: NotificationFeed) {}

  @Get()
  @Roles('clinic', ...CLINIC_FEED_STAFF)
  @ApiOperation({ summary: "A clinic's notifications in seq order (clinic users: their own; qa/supervisor/admin: ?clinicId= or all)" })
  @ApiQuery({ name: 'clinicId', required: false })
  @ApiQuery({ name: 'unacknowledged', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'after', required: false, description: 'only notifications with a greater seq' })
  @ApiQuery({ name: 'limit', required: false, description: '1..500, default 100' })
  list(@CurrentUser() user: AuthUser, @Query(listQueryPipe) query: FeedPageQuery) {
    return this.feed.list(user, query);
  }

  @Get('stream')
  @Roles('clinic', ...CLINIC_FEED_STAFF)
  @AllowQueryToken()
  @ApiOperation({ summary: 'Server-Sent Events: replay after Last-Event-ID (or ?after=), then live; token may be ?access_token=' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiQuery({ name: 'clinicId', required: false })
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
  @Roles('clinic')
  @ApiOperation({ summary: "Marks one of the caller's clinic notifications read; repeating it returns the first acknowledgement" })
  acknowledge(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.feed.acknowledge(user, id);
  }
}
