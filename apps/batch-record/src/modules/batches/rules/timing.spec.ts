import { TimingConstraint } from '../../master-batch-records/mbr-schema';
import { assertNotTooEarly, isLate, plansStartedBy } from './timing';

const activation = new Date('2026-05-01T08:00:00Z');
const transduction: TimingConstraint = {
  code: 'ACT-TO-TRANSDUCTION',
  kind: 'window',
  description: 'Transduction 18–30 h after activation',
  after: 'ACTIVATION',
  minHours: 18,
  maxHours: 30,
  warnBeforeHours: 4,
};
const steps = [
  { code: 'ACTIVATION', definition: { timing: [] } },
  { code: 'TRANSDUCTION', definition: { timing: [transduction] } },
];

describe(plansStartedBy.name, () => {
  it('should open the transduction window 18–30 h after activation with a warning 4 h before it closes', () => {
    expect(plansStartedBy(steps, 'ACTIVATION', activation)).toEqual([
      {
        code: 'ACT-TO-TRANSDUCTION',
        kind: 'window',
        description: transduction.description,
        stepCode: 'TRANSDUCTION',
        afterStep: 'ACTIVATION',
        earliestAt: new Date('2026-05-02T02:00:00Z'),
        dueAt: new Date('2026-05-02T14:00:00Z'),
        warnAt: new Date('2026-05-02T10:00:00Z'),
      },
    ]);
  });

  it('should start nothing when another step completes', () => {
    expect(plansStartedBy(steps, 'TRANSDUCTION', activation)).toEqual([]);
  });
});

describe(assertNotTooEarly.name, () => {
  const window = { code: 'W', description: 'Transduction window', earliestAt: new Date('2026-05-02T02:00:00Z') };

  it('should refuse a start before the window opens', () => {
    expect(() => assertNotTooEarly([window], 'TRANSDUCTION', new Date('2026-05-02T01:59:00Z'))).toThrow(/may not start yet/);
  });

  it('should allow a start at the opening time', () => {
    expect(() => assertNotTooEarly([window], 'TRANSDUCTION', new Date('2026-05-02T02:00:00Z'))).not.toThrow();
  });
});

describe(isLate.name, () => {
  it('should be late only after the due time', () => {
    const due = new Date('2026-05-02T14:00:00Z');
    expect(isLate(due, due)).toBe(false);
    expect(isLate(due, new Date(due.getTime() + 1))).toBe(true);
  });
});
