import { ArgumentsHost, Catch, Controller, RpcExceptionFilter, SetMetadata, UseFilters, applyDecorators } from '@nestjs/common';
import { BaseRpcContext, Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { EntityManager } from 'typeorm';
import { EventData, EventDefinition, EventEnvelope } from '@mes/contracts';
import { IncomingMessage } from './message-bus.port';

export const CONSUMES = 'mes:consumes';

/** `type@vN`: the pattern of an event definition in the transport. */
export const eventKey = (d: { type: string; version: number }): string => `${d.type}@v${d.version}`;

/** The second argument of every event handler: the transaction that also holds the inbox row, and the raw message. */
export class EventContext extends BaseRpcContext<[EntityManager, IncomingMessage]> {
  get tx(): EntityManager {
    return this.args[0];
  }
  get message(): IncomingMessage {
    return this.args[1];
  }
}

/** Hands the handler's own error back to the transport (Nest's default filter would replace it with "Internal server error"). */
@Catch()
class RethrowToTransport implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** The validated envelope a handler of `D` receives. */
export type Consumed<D extends EventDefinition> = EventEnvelope<EventData<D>>;

type Handler<D extends EventDefinition> = (event: Consumed<D>, ctx: EventContext) => Promise<unknown>;

/** A consumer class: the events it declares must each have exactly one @OnEvent handler in it, or the boot stops. */
export function EventConsumer(...consumes: EventDefinition[]): ClassDecorator {
  return applyDecorators(Controller(), SetMetadata(CONSUMES, consumes));
}

/** Marks a method as the handler of these events (validated envelope, then the inbox transaction in `ctx.tx`). */
export function OnEvent<D extends EventDefinition>(
  ...definitions: D[]
): <M extends Handler<D>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => void {
  return (target, key, descriptor) => {
    applyDecorators(
      EventPattern(definitions.map(eventKey), { definitions, owner: target.constructor.name }),
      UseFilters(new RethrowToTransport()),
    )(target, key, descriptor);
    // (event, ctx) without @Payload()/@Ctx() on every handler: Nest passes only the payload by default.
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
  };
}
