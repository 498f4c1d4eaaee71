export * from './event-sequences';
export * from './event-heads.controller';
export * from './event-head.client';
