import { z } from 'zod';

const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' });

export const calibrationSchema = z
  .object({
    calibratedAt: isoDateTime,
    dueAt: isoDateTime,
    certificateRef: z.string().trim().min(1, 'must not be empty').max(100),
  })
  .strict();

export type RecordCalibrationDto = z.infer<typeof calibrationSchema>;
