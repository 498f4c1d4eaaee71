import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { BaseConfig } from '../config/config';
import { ValidationProblem } from '../http/problems';
import { SERVICE_CONFIG } from '../nest/tokens';
import { EventHead, EventSequences } from './event-sequences';

/** Every service answers, for an aggregate it owns, the last event sequence it assigned: a reader compares it with what it applied. */
@ApiTags('event-heads')
@Controller('event-heads')
export class EventHeadsController {
  constructor(
    private readonly sequences: EventSequences,
    @Inject(SERVICE_CONFIG) private readonly config: BaseConfig,
  ) {}

  // QA asks at the moment of signing a disposition, with the signer's own token.
  @Roles('qa')
  @Get(':subject')
  @ApiOperation({ summary: 'The last event sequence this service assigned to the subject, and how far it applied others’ events on it' })
  head(@Param('subject') subject: string): Promise<EventHead> {
    // Subjects are aggregate ids (uuids and the like): anything else is refused before it reaches Postgres.
    if (!/^[\x21-\x7e]{1,200}$/.test(subject)) {
      throw new ValidationProblem([{ field: 'subject', reason: 'must be 1 to 200 printable ASCII characters' }]);
    }
    return this.sequences.head(this.config.SERVICE_NAME, subject);
  }
}
