import { TimerDefinition } from '@mes/platform';
import { ApheresisHoldExpiryTimer, ApheresisHoldWarningTimer } from './modules/apheresis/apheresis-timers';
import { LotShelfLifeTimer, ThawedLotUseByTimer } from './modules/lots/lot-timers';

/** Every timer kind inventory defines: the boot stops unless each has exactly one @OnTimer handler. */
export const INVENTORY_TIMERS: readonly TimerDefinition[] = [
  LotShelfLifeTimer,
  ThawedLotUseByTimer,
  ApheresisHoldWarningTimer,
  ApheresisHoldExpiryTimer,
];
