import { TimerDefinition } from '@mes/platform';
import { TimingDueTimer, TimingWarningTimer } from './modules/timing/timing-timers';

/** Every timer kind batch-record defines: the boot stops unless each has exactly one @OnTimer handler. */
export const BATCH_RECORD_TIMERS: readonly TimerDefinition[] = [TimingWarningTimer, TimingDueTimer];
