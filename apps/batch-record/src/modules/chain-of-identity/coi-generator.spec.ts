import { COI_ALPHABET, COI_PATTERN, CoiGenerator } from './coi-generator';

describe(CoiGenerator.name, () => {
  it('should match COI-XXXX-XXXX when generated', () => {
    const coi = new CoiGenerator().next();
    expect(coi).toMatch(COI_PATTERN);
  });

  it('should never use look-alike characters when generating many', () => {
    const generator = new CoiGenerator();
    for (let i = 0; i < 2000; i++) expect(generator.next().slice(4)).not.toMatch(/[01OIL]/);
  });

  it('should produce distinct ids when generated many times', () => {
    const generator = new CoiGenerator();
    const ids = new Set(Array.from({ length: 10_000 }, () => generator.next()));
    expect(ids.size).toBe(10_000);
  });

  it('should map the random source onto the alphabet in order when the source is fixed', () => {
    let i = 0;
    const generator = new CoiGenerator(() => i++);
    expect(generator.next()).toBe(`COI-${COI_ALPHABET.slice(0, 4)}-${COI_ALPHABET.slice(4, 8)}`);
  });
});
