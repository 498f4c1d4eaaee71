import { AuthUser } from '@mes/platform';
import { CoiMismatch, assertCoiMatches } from './coi-mismatch';

const user: AuthUser = { id: 'u1', username: 'operator', name: 'Olivia', roles: ['operator'], clinicId: null };
const scan = { expectedCoi: 'COI-AB23-CD45', orderId: 'o1', batchId: null, context: 'apheresis-receipt', user };

describe(assertCoiMatches.name, () => {
  it('should pass when the scanned COI is identical', () => {
    expect(() => assertCoiMatches({ ...scan, scannedCoi: 'COI-AB23-CD45' })).not.toThrow();
  });

  it('should refuse with coi-mismatch on field scannedCoi when the COI differs', () => {
    const act = () => assertCoiMatches({ ...scan, scannedCoi: 'COI-AB23-CD46' });
    expect(act).toThrow(CoiMismatch);
    try {
      act();
    } catch (e) {
      const problem = e as CoiMismatch;
      expect(problem.status).toBe(422);
      expect(problem.code).toBe('coi-mismatch');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'scannedCoi' })]);
      expect(problem.message).not.toContain('COI-AB23-CD45');
    }
  });

  it('should refuse when the scan differs only by case or whitespace', () => {
    expect(() => assertCoiMatches({ ...scan, scannedCoi: 'coi-ab23-cd45' })).toThrow(CoiMismatch);
    expect(() => assertCoiMatches({ ...scan, scannedCoi: ' COI-AB23-CD45' })).toThrow(CoiMismatch);
  });
});
