import { TimerDefinition } from '@mes/platform';

/** Every timer kind identity defines: the boot stops unless each has exactly one @OnTimer handler. */
export const IDENTITY_TIMERS: readonly TimerDefinition[] = [];
