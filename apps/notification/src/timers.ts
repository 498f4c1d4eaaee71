import { TimerDefinition } from '@mes/platform';

/** Every timer kind notification defines: the boot stops unless each has exactly one @OnTimer handler. */
export const NOTIFICATION_TIMERS: readonly TimerDefinition[] = [];
