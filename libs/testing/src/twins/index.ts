export * from './automock';
export * from './audit.recorder';
export * from './fake-clock';
export * from './outbox.recorder';
export * from './platform.twin';
export * from './timers.twin';
export * from './unit-of-work.twin';
