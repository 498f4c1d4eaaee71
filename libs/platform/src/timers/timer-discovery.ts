import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ON_TIMER, TimerDefinition, TimerHandler } from './timer-definition';
import { TimerService } from './timer.service';

/** The timer kinds a service defines (its `timers.ts`), compared at boot with the @OnTimer handlers found. */
export const TIMER_DEFINITIONS = Symbol('TIMER_DEFINITIONS');

/** Finds every @OnTimer method at boot and registers it; a defined kind with no handler, or with two, stops the boot. */
@Injectable()
export class TimerHandlerDiscovery implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly timers: TimerService,
    @Inject(TIMER_DEFINITIONS) private readonly defined: readonly TimerDefinition[],
  ) {}

  onModuleInit(): void {
    registerTimerHandlers(this.discovery, this.scanner, this.timers);
    this.timers.assertHandlers(this.defined);
  }
}

export function registerTimerHandlers(discovery: DiscoveryService, scanner: MetadataScanner, timers: TimerService): void {
  const seen = new Set<object>();
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
    seen.add(instance);
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = instance[name] as TimerHandler;
      const definition = Reflect.getMetadata(ON_TIMER, method) as TimerDefinition | undefined;
      if (definition) timers.handle(definition, method.bind(instance), `${instance.constructor.name}.${name}`);
    }
  }
}
