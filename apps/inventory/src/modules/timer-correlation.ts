import { TimerRecord } from '@mes/platform';

/** The correlation id a timer carried from the event that scheduled it, so its event joins the same trace. */
export const correlationOf = (timer: TimerRecord): string | undefined =>
  typeof timer.payload.correlationId === 'string' ? timer.payload.correlationId : undefined;
