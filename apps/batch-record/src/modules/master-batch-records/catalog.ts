import { CD19_CAR_T_SKELETON_V1 } from './cd19-car-t-skeleton-v1.mbr';
import { MbrDefinition } from './step-definition';

/** Every approved MBR version this build knows; `migrate --seed` makes sure each exists. */
export const MASTER_BATCH_RECORD_CATALOG: readonly MbrDefinition[] = [CD19_CAR_T_SKELETON_V1];
