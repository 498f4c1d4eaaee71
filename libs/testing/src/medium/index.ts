export * from './in-memory-message-bus';
export * from './medium-harness';
