import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorators';
import { EventTransport } from '../messaging/event-transport';
import { MessageBus } from '../messaging/message-bus.port';
import { TimerService } from '../timers/timer.service';
import { BaseConfig } from '../config/config';
import { SERVICE_CONFIG } from './tokens';

async function probe(name: string, check: () => Promise<unknown>, timeoutMs = 2_000): Promise<[string, string]> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs))]);
    return [name, 'up'];
  } catch (error) {
    return [name, `down: ${error instanceof Error ? error.message : String(error)}`];
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  private redis?: Redis;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly transport: EventTransport,
    private readonly timers: TimerService,
    @Inject(SERVICE_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Public()
  @Get('live')
  live() {
    return { status: 'up', service: this.config.SERVICE_NAME };
  }

  /** Ready when Postgres, Redis and Kafka all answer and the consumer is not stuck retrying an unavailable dependency. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    this.redis ??= new Redis(this.config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    const redis = this.redis;
    const checks = Object.fromEntries(
      await Promise.all([
        probe('postgres', () => this.dataSource.query('SELECT 1')),
        probe('redis', async () => {
          if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
          await redis.ping();
        }),
        probe('kafka', () => this.bus.ping()),
        // Ready to process events only once the consumer group is joined (a crashed predecessor can delay it).
        probe('consumer-group', async () => {
          if (!this.bus.consumersJoined()) throw new Error('joining');
        }),
      ]),
    );
    const degraded = this.transport.degradedReason();
    checks.consumer = degraded ? `degraded: ${degraded}` : 'up';
    const orphanTimers = this.timers.degradedReason();
    checks.timers = orphanTimers ? `degraded: ${orphanTimers}` : 'up';
    const up = Object.values(checks).every((v) => v === 'up');
    const body = { status: up ? 'up' : 'down', service: this.config.SERVICE_NAME, checks };
    res.status(up ? 200 : 503);
    return body;
  }
}
