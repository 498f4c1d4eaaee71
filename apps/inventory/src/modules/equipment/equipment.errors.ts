import { ConflictProblem, NotFoundProblem, RuleViolationProblem } from '@mes/platform';

/** Every equipment error, named once with the HTTP problem it becomes. */
export const EquipmentErrors = {
  notFound: (id: string) => new NotFoundProblem('Equipment', id),
  assetTagTaken: (assetTag: string) =>
    new ConflictProblem('asset-tag-taken', `Asset tag ${assetTag} is already registered`, [
      { field: 'assetTag', reason: 'already registered' },
    ]),
  alreadyInStatus: (id: string, status: string) =>
    new ConflictProblem('equipment-already-' + status, `Equipment ${id} is already ${status}`, [
      { field: 'status', reason: `already ${status}` },
    ]),
  invalidTransition: (id: string, from: string, to: string) =>
    new ConflictProblem('invalid-equipment-transition', `Equipment ${id} is ${from}; it cannot become ${to}`, [
      { field: 'status', reason: `${from} → ${to} is not allowed` },
    ]),
  retired: (id: string) =>
    new ConflictProblem('equipment-retired', `Equipment ${id} is retired; it takes no more calibrations`, [
      { field: 'id', reason: 'equipment is retired' },
    ]),
  calibrationOverdue: (id: string, dueAt: Date, now: Date) =>
    new RuleViolationProblem(
      'calibration-overdue',
      `Equipment ${id} was due for calibration at ${dueAt.toISOString()} (now ${now.toISOString()}); calibrate it before putting it in service`,
      [{ field: 'calibrationDueAt', reason: 'calibration overdue' }],
    ),
  invalidCalibration: (field: string, reason: string) =>
    new RuleViolationProblem('invalid-calibration', `The calibration cannot be recorded: ${field} ${reason}`, [{ field, reason }]),
};
