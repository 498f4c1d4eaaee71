import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditTrail } from '../audit/audit-trail';
import { Clock } from '../clock/clock';
import { UnitOfWork } from '../database/data-source';
import { JsonLogger } from '../logging/json-logger';
import { DeadLetterError, DeadLetterOperations } from '../messaging/dead-letter-operations';
import { DeadLetterRepository, DeadLetterState } from '../messaging/dead-letters';
import { EventTransport } from '../messaging/event-transport';

const USAGE =
  'usage: dead-letters list [--state pending|replayed|discarded] | show <id> | replay <id> --by <user> --why "<reason>" | discard <id> --by <user> --why "<reason>"';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function required(args: string[], name: string): string {
  const value = option(args, name)?.trim();
  if (!value || value.startsWith('--')) throw new DeadLetterError(`--${name} is required (who and why are audited)\n${USAGE}`);
  return value;
}

const print = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

/**
 * `node dist/apps/<service>/src/dead-letters.js <command>`: the operator's view of the service's dead letters.
 * Boots the service's module without HTTP, consumer group or workers, so a replay runs the very handler the consumer runs.
 * Exit 0 done, 2 refused (bad input, unknown id, already resolved), 1 the replay failed again (nothing changed).
 */
export async function runDeadLetterCommand(module: DynamicModule, serviceName: string, argv: string[]): Promise<never> {
  const [command, id, ...rest] = argv;
  const logger = new JsonLogger(serviceName, 'warn');
  const app = await NestFactory.create(module, { logger, abortOnError: false });
  let code = 0;
  try {
    app.connectMicroservice({ strategy: app.get(EventTransport) }); // registers the @OnEvent handlers; never listens
    await app.init();
    const ops = new DeadLetterOperations(
      app.get(UnitOfWork),
      app.get(DeadLetterRepository),
      app.get(EventTransport),
      app.get(AuditTrail),
      app.get(Clock),
    );
    const actor = () => {
      const by = required(rest, 'by');
      return { id: by, name: by };
    };
    if (command === 'list') {
      const state = option([id, ...rest].filter(Boolean), 'state') as DeadLetterState | undefined;
      if (state && !['pending', 'replayed', 'discarded'].includes(state)) throw new DeadLetterError(`unknown state '${state}'\n${USAGE}`);
      const all = await ops.list(state);
      print(all.map(({ value: _v, headers: _h, detail: _d, ...summary }) => summary));
    } else if (command === 'show' && id) {
      print(await ops.show(id));
    } else if (command === 'replay' && id) {
      const who = actor();
      const { outcome } = await ops.replay(id, who, required(rest, 'why'));
      print({ service: serviceName, msg: 'dead letter replayed', id, outcome, by: who.id });
    } else if (command === 'discard' && id) {
      const who = actor();
      await ops.discard(id, who, required(rest, 'why'));
      print({ service: serviceName, msg: 'dead letter discarded', id, by: who.id });
    } else {
      throw new DeadLetterError(USAGE);
    }
  } catch (error) {
    code = error instanceof DeadLetterError ? 2 : 1;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      JSON.stringify({ service: serviceName, msg: code === 2 ? 'refused' : 'replay failed; nothing changed', error: message }) + '\n',
    );
  } finally {
    await app.close();
  }
  process.exit(code);
}
