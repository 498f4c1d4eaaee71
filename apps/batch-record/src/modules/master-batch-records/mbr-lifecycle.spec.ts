import { mbrTransitionError } from './mbr-lifecycle';

describe('mbrTransitionError', () => {
  it('should allow the lifecycle draft → in review → approved → effective', () => {
    expect(mbrTransitionError('draft', 'submit')).toBeNull();
    expect(mbrTransitionError('in-review', 'approve')).toBeNull();
    expect(mbrTransitionError('approved', 'make-effective')).toBeNull();
  });

  it('should refuse approving a draft that was never submitted for review', () => {
    expect(mbrTransitionError('draft', 'approve')).toMatch(/cannot approve a version that is draft/);
  });

  it('should refuse making a version effective before QA approved it', () => {
    expect(mbrTransitionError('in-review', 'make-effective')).toMatch(/allowed from: approved/);
  });

  it('should refuse any change to a superseded or retired version', () => {
    for (const t of ['submit', 'approve', 'make-effective', 'retire'] as const) {
      expect(mbrTransitionError('superseded', t)).not.toBeNull();
      expect(mbrTransitionError('retired', t)).not.toBeNull();
    }
  });
});
