import type { NestExpressApplication } from '@nestjs/platform-express';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { z } from 'zod';
import { AuditTrail } from '../audit/audit-trail';
import { SystemClock } from '../clock/clock';
import { BaseConfig, ConfigError, loadConfig } from '../config/config';
import { createDataSource, DataSourceOptions } from '../database/data-source';
import { jsonBodiesOnly } from '../http/json-bodies';
import { ProblemFilter } from '../http/problem.filter';
import { EventTransport } from '../messaging/event-transport';
import { TextHygienePipe } from '../http/text-hygiene';
import { JsonLogger } from '../logging/json-logger';

/** Parses the environment or stops the process with a message naming each bad setting. */
export function loadServiceConfig<S extends z.ZodType<BaseConfig>>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    return exitOnConfigError(error);
  }
}

/** A ConfigError (bad or unsafe setting, found at parse time or at boot) stops the process with its message and EX_CONFIG. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}

export interface BootstrapOptions {
  title: string;
  description: string;
  host?: string;
  /** JSON body limit when a service takes documents larger than the 100 kB default (e.g. MBR files). */
  jsonBodyLimit?: string;
}

export const DEFAULT_JSON_BODY_LIMIT = '100kb';

/** Creates the Nest app with JSON logs, problem responses, OpenAPI at /docs and graceful shutdown; listens if this process serves the API. */
export async function bootstrapService(module: DynamicModule, config: BaseConfig, options: BootstrapOptions): Promise<INestApplication> {
  return startService(module, config, options).catch(exitOnConfigError);
}

async function startService(module: DynamicModule, config: BaseConfig, options: BootstrapOptions): Promise<INestApplication> {
  const logger = new JsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  // Only the JSON parser configureApp registers: a form or text body is refused, never parsed.
  const app = await NestFactory.create(module, { logger, bufferLogs: false, bodyParser: false });
  configureApp(app, logger, options.jsonBodyLimit);
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs/openapi.json' });
  app.enableShutdownHooks();
  // Graceful stop finishes in-flight work; if a dependency hangs (e.g. Kafka down), do not hang the deploy.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS).unref());
  }
  // Consumers are checked and started before the API answers: a miswired consumer stops the boot.
  await app.init();
  if (config.PROCESS_ROLES.includes('consumer')) await startConsumers(app, logger);
  if (config.PROCESS_ROLES.includes('api')) {
    await app.listen(config.PORT, options.host ?? process.env.HOST ?? '127.0.0.1');
    logger.log(
      { msg: 'listening', url: `http://${options.host ?? process.env.HOST ?? '127.0.0.1'}:${config.PORT}`, docs: '/docs' },
      'Bootstrap',
    );
  }
  return app;
}

/** Connects the consumer group as a Nest microservice (handlers are the @OnEvent methods found at boot). */
async function startConsumers(app: INestApplication, logger: JsonLogger): Promise<void> {
  app.connectMicroservice({ strategy: app.get(EventTransport) });
  try {
    await app.startAllMicroservices();
  } catch (error) {
    logger.error({ msg: 'boot refused', error: error instanceof Error ? error.message : String(error) }, 'Bootstrap');
    await app.close();
    process.exit(1);
  }
}

/** The edge every service shares: security headers, UTF-8 JSON bodies only (415/413 otherwise), text hygiene, problem responses. */
export function configureApp(app: INestApplication, logger: JsonLogger, jsonBodyLimit = DEFAULT_JSON_BODY_LIMIT): void {
  // Helmet's defaults suit Swagger UI at /docs (own scripts, inline styles, data: images); TLS ends at the gateway.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } }));
  app.use(jsonBodiesOnly);
  (app as NestExpressApplication).useBodyParser('json', { limit: jsonBodyLimit });
  app.useGlobalPipes(new TextHygienePipe());
  app.useGlobalFilters(new ProblemFilter(logger));
}

/** Applies pending migrations (the platform's and the service's) and exits. */
export async function runMigrations(options: DataSourceOptions): Promise<void> {
  const ds = await createDataSource(options).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    process.stdout.write(
      JSON.stringify({ service: options.applicationName, msg: 'migrations applied', applied: applied.map((m) => m.name) }) + '\n',
    );
  } finally {
    await ds.destroy();
  }
}

/** Recomputes the audit trail's hash chain, prints the result as one JSON line and exits 0 if intact, 2 if broken. */
export async function runAuditVerification(options: DataSourceOptions): Promise<never> {
  const ds = await createDataSource(options).initialize();
  let ok: boolean;
  try {
    const result = await new AuditTrail(new SystemClock()).verify(ds.manager);
    process.stdout.write(JSON.stringify({ service: options.applicationName, msg: 'audit trail verified', ...result }) + '\n');
    ok = result.ok;
  } finally {
    await ds.destroy();
  }
  process.exit(ok ? 0 : 2);
}
