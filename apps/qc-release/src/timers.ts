import { TimerDefinition } from '@mes/platform';
import { ReleaseTestDueTimer } from './modules/test-orders/release-test-due.timer';

/** Every timer kind qc-release defines: the boot stops unless each has exactly one @OnTimer handler. */
export const QC_RELEASE_TIMERS: readonly TimerDefinition[] = [ReleaseTestDueTimer];
