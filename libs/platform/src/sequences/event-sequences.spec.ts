import { missingRanges } from './event-sequences';

describe(missingRanges.name, () => {
  it('should find nothing when every sequence up to the limit is present', () => {
    expect(missingRanges([1, 2, 3], 3)).toEqual([]);
  });

  it('should name each gap and the missing tail', () => {
    expect(missingRanges([1, 2, 5], 7)).toEqual([
      [3, 4],
      [6, 7],
    ]);
  });

  it('should name everything when nothing was applied', () => {
    expect(missingRanges([], 2)).toEqual([[1, 2]]);
  });

  it('should find nothing when nothing exists yet', () => {
    expect(missingRanges([], 0)).toEqual([]);
  });

  it('should ignore sequences beyond the limit', () => {
    expect(missingRanges([2, 9], 3)).toEqual([
      [1, 1],
      [3, 3],
    ]);
  });
});
