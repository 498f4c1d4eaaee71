export * from './http-client';
export * from './sse-client';
export * from './test-system';
export * from './ebr-driver';
export * from './twins';
export * from './tcp-proxy';
export * from './medium';
