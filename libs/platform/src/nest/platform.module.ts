import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  LoggerService,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, EventDefinition, deadLetterTopic } from '@mes/contracts';
import { AuditTrail } from '../audit/audit-trail';
import { AuditTrailController } from '../audit/audit-trail.controller';
import { AccessGuard } from '../access/access.guard';
import { AccessDeclarationCheck } from '../access/access-routes';
import { TokenVerifier } from '../auth/auth';
import { SignatureVerifier } from '../signatures/signature-verifier';
import { UserDirectory } from '../auth/user-directory';
import { Clock, clockFromConfig } from '../clock/clock';
import { BaseConfig } from '../config/config';
import { DataSourceOptions, UnitOfWork, createDataSource } from '../database/data-source';
import { OutboxWriter } from '../database/outbox';
import { OutboxPurge } from '../database/outbox-purge';
import { DeadLetterRepository } from '../messaging/dead-letters';
import { EventTransport } from '../messaging/event-transport';
import { KafkajsMessageBus } from '../messaging/kafkajs-message-bus';
import { MessageBus } from '../messaging/message-bus.port';
import { CONSUMES } from '../messaging/on-event';
import { OutboxRelay } from '../messaging/outbox-relay';
import { TimerDefinition } from '../timers/timer-definition';
import { TIMER_DEFINITIONS, TimerHandlerDiscovery } from '../timers/timer-discovery';
import { TimerService } from '../timers/timer.service';
import { JsonLogger } from '../logging/json-logger';
import { EventHeadClient } from '../sequences/event-head.client';
import { EventHeadsController } from '../sequences/event-heads.controller';
import { EventSequences } from '../sequences/event-sequences';
import { HealthController } from './health.controller';
import { APP_LOGGER, SERVICE_CONFIG } from './tokens';

export interface PlatformOptions {
  config: BaseConfig;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  /** Replaces the clock built from CLOCK_FACTOR/CLOCK_ANCHOR (tests). */
  clock?: Clock;
  /** Every timer kind the service defines (its timers.ts): each needs exactly one @OnTimer handler, or the boot stops. */
  timers?: readonly TimerDefinition[];
  /** Every event the service consumes (its consumes.ts): each needs its @OnEvent handler, and each handler must be listed, or the boot stops. */
  consumes: readonly EventDefinition[];
}

const TOPIC_PARTITIONS = 3;

/** Starts and stops the platform's moving parts in a safe order, by the roles this process plays. */
@Injectable()
class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: BaseConfig,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
    private readonly bus: MessageBus,
    private readonly relay: OutboxRelay,
    private readonly purge: OutboxPurge,
    private readonly timers: TimerService,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const roles = new Set(this.config.PROCESS_ROLES);
    await this.bus.connect();
    await this.bus.ensureTopics([...ALL_TOPICS, deadLetterTopic(this.config.SERVICE_NAME)], TOPIC_PARTITIONS);
    await this.timers.start({ worker: roles.has('worker') });
    if (roles.has('worker') && this.config.OUTBOX_RELAY === 'on') await this.relay.start();
    if (roles.has('worker')) this.purge.start();
    this.logger.log({ msg: 'platform started', roles: [...roles] }, 'Platform');
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ msg: 'shutting down', signal }, 'Platform');
    await this.relay.stop();
    await this.purge.stop();
    await this.timers.stop();
    await this.bus.disconnect();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Everything a service needs from the platform, wired once: database, outbox, audit trail, consumers, timers, auth, health. */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { config } = options;
    const logger = new JsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);
    return {
      module: PlatformModule,
      imports: [DiscoveryModule],
      controllers: [HealthController, AuditTrailController, EventHeadsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: APP_LOGGER, useValue: logger },
        { provide: Clock, useValue: options.clock ?? clockFromConfig(config) },
        {
          provide: DataSource,
          useFactory: async () =>
            createDataSource({
              url: config.DATABASE_URL,
              entities: options.entities,
              migrations: options.migrations,
              applicationName: config.SERVICE_NAME,
            }).initialize(),
        },
        { provide: UnitOfWork, useFactory: (ds: DataSource) => new UnitOfWork(ds), inject: [DataSource] },
        {
          provide: MessageBus,
          useFactory: () => new KafkajsMessageBus(config.SERVICE_NAME, config.KAFKA_BROKERS, logger, config.KAFKA_RETENTION_DAYS),
        },
        { provide: OutboxWriter, useFactory: (clock: Clock) => new OutboxWriter(config.SERVICE_NAME, clock), inject: [Clock] },
        { provide: AuditTrail, useFactory: (clock: Clock) => new AuditTrail(clock), inject: [Clock] },
        {
          provide: OutboxRelay,
          useFactory: (ds: DataSource, bus: MessageBus, outbox: OutboxWriter) =>
            new OutboxRelay(
              ds,
              bus,
              logger,
              {
                databaseUrl: config.DATABASE_URL,
                pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
                maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
                service: config.SERVICE_NAME,
                crashAfterPublish: config.MES_FAULT === 'crash-after-publish',
              },
              outbox,
            ),
          inject: [DataSource, MessageBus, OutboxWriter],
        },
        {
          provide: OutboxPurge,
          useFactory: (ds: DataSource) =>
            new OutboxPurge(ds, logger, {
              outboxRetentionHours: config.OUTBOX_RETENTION_HOURS,
              inboxRetentionDays: config.INBOX_RETENTION_DAYS,
              intervalMs: config.PURGE_INTERVAL_MS,
            }),
          inject: [DataSource],
        },
        { provide: DeadLetterRepository, useValue: new DeadLetterRepository() },
        {
          provide: EventTransport,
          useFactory: (
            bus: MessageBus,
            uow: UnitOfWork,
            deadLetters: DeadLetterRepository,
            outbox: OutboxWriter,
            clock: Clock,
            discovery: DiscoveryService,
          ) =>
            new EventTransport(
              bus,
              uow,
              logger,
              deadLetters,
              outbox,
              clock,
              { groupId: config.SERVICE_NAME, maxAttempts: config.CONSUMER_MAX_ATTEMPTS, consumes: options.consumes },
              () =>
                discovery
                  .getControllers()
                  .map((w) => w.metatype)
                  .filter((c): c is NonNullable<typeof c> => !!c && Reflect.hasMetadata(CONSUMES, c)),
            ),
          inject: [MessageBus, UnitOfWork, DeadLetterRepository, OutboxWriter, Clock, DiscoveryService],
        },
        {
          provide: TimerService,
          useFactory: (uow: UnitOfWork, clock: Clock) =>
            new TimerService(uow, clock, logger, {
              queueName: `${config.SERVICE_NAME}-timers`,
              redisUrl: config.REDIS_URL,
              reconcileIntervalMs: config.TIMER_RECONCILE_INTERVAL_MS,
              horizonHours: config.TIMER_HORIZON_HOURS,
            }),
          inject: [UnitOfWork, Clock],
        },
        {
          provide: TokenVerifier,
          useValue: new TokenVerifier({
            secret: config.AUTH_JWT_SECRET,
            issuer: config.AUTH_JWT_ISSUER,
            audience: config.AUTH_JWT_AUDIENCE,
          }),
        },
        { provide: SignatureVerifier, useValue: new SignatureVerifier(config.IDENTITY_URL.replace(/\/$/, '')) },
        { provide: TIMER_DEFINITIONS, useValue: options.timers ?? [] },
        TimerHandlerDiscovery,
        { provide: UserDirectory, useValue: new UserDirectory(config.IDENTITY_URL.replace(/\/$/, '')) },
        { provide: APP_GUARD, useClass: AccessGuard },
        AccessDeclarationCheck,
        EventSequences,
        { provide: EventHeadClient, useValue: new EventHeadClient() },
        PlatformLifecycle,
      ],
      exports: [
        SERVICE_CONFIG,
        APP_LOGGER,
        Clock,
        DataSource,
        UnitOfWork,
        MessageBus,
        OutboxWriter,
        AuditTrail,
        EventTransport,
        DeadLetterRepository,
        TimerService,
        TokenVerifier,
        SignatureVerifier,
        UserDirectory,
        EventSequences,
        EventHeadClient,
      ],
    };
  }
}
