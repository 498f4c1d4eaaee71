import { signDispositionSchema } from './sign-disposition.dto';

describe('signDispositionSchema', () => {
  it('should derive the signature meaning when the decision is release', () => {
    expect(signDispositionSchema.parse({ decision: 'released', signature: { password: 'pw' } })).toEqual({
      decision: 'released',
      reason: null,
      meaning: 'approved-for-release',
      signature: { password: 'pw' },
    });
  });

  it.each([{}, { reason: '   ' }])('should refuse a rejection when the reason is missing or blank (%p)', (extra) => {
    const result = signDispositionSchema.safeParse({ decision: 'rejected', signature: { password: 'pw' }, ...extra });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
  });

  it('should refuse a meaning when it contradicts the decision', () => {
    const result = signDispositionSchema.safeParse({ decision: 'released', meaning: 'rejected', signature: { password: 'pw' } });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['meaning']);
  });

  it('should accept a rejection when it gives a reason', () => {
    expect(signDispositionSchema.parse({ decision: 'rejected', reason: ' sterility growth ', signature: { password: 'pw' } })).toEqual({
      decision: 'rejected',
      reason: 'sterility growth',
      meaning: 'rejected',
      signature: { password: 'pw' },
    });
  });

  it('should refuse a signature when the password is not re-entered', () => {
    const result = signDispositionSchema.safeParse({ decision: 'released', signature: {} });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['signature.password']);
  });

  it('should refuse the old flat password when the signature object is missing', () => {
    const result = signDispositionSchema.safeParse({ decision: 'released', password: 'pw', username: 'qa' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.') || i.code)).toEqual(expect.arrayContaining(['signature']));
  });
});
