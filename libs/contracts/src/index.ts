export * from './envelope';
export * from './topics';
export * from './registry';
export * from './events/batch-record.events';
export * from './events/inventory.events';
export * from './events/qc-release.events';
export * from './events/identity.events';
export * from './events/platform.events';
