import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, ZodPipe, uuidParam, AllowQueryToken } from '@mes/platform';
import {
  ListNotificationsQuery,
  StreamQuery,
  lastEventIdSchema,
  listNotificationsQuerySchema,
  streamQuerySchema,
} from './dto/notification-query.dto';
import { NotificationInboxService } from './notification-inbox.service';
import { SseHttpResponse } from '../streaming/sse-stream';
import { NotificationStreamService } from './stream/notification-stream.service';

const lastEventIdPipe = new ZodPipe(lastEventIdSchema, 'Last-Event-ID');

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInboxService,
    private readonly streams: NotificationStreamService,
  ) {}

  @Get()
  @ApiOperation({ summary: "A clinic's notifications in seq order (clinic users: their own; qa/supervisor/admin: ?clinicId= or all)" })
  @ApiQuery({ name: 'clinicId', required: false })
  @ApiQuery({ name: 'unacknowledged', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'after', required: false, description: 'only notifications with a greater seq' })
  @ApiQuery({ name: 'limit', required: false, description: '1..500, default 100' })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listNotificationsQuerySchema)) query: ListNotificationsQuery) {
    return this.inbox.list(user, query);
  }

  @Get('stream')
  @AllowQueryToken()
  @ApiOperation({ summary: 'Server-Sent Events: replay after Last-Event-ID (or ?after=), then live; token may be ?access_token=' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiQuery({ name: 'clinicId', required: false })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'access_token', required: false })
  stream(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(streamQuerySchema)) query: StreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: SseHttpResponse,
  ): Promise<void> {
    // Nest's @Headers takes no pipe: validate the resume point here, before the stream starts.
    return this.streams.open(user, query, lastEventIdPipe.transform(lastEventId), res);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('clinic')
  @ApiOperation({ summary: "Marks one of the caller's clinic notifications read; repeating it returns the first acknowledgement" })
  acknowledge(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.inbox.acknowledge(user, id);
  }
}
