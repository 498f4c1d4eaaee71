import { TextHygienePipe, badTextFields } from './text-hygiene';
import { ValidationProblem } from './problems';

describe('badTextFields', () => {
  it('should accept ordinary text, emoji (surrogate pairs) and CJK', () => {
    expect(badTextFields({ a: 'plain', b: ['\u{1F9EA}', '細胞治療'], c: { d: 1, e: null } })).toEqual([]);
  });

  it('should name every NUL and lone surrogate by its path, keys included', () => {
    const problems = badTextFields({ a: 'x\u0000', b: [{ c: '\udc00' }], ['k\u0000']: 1, d: 'high \ud83d alone' });

    expect(problems.map((p) => p.field).sort()).toEqual(['a', 'b.0.c', 'd', 'k\u0000']);
  });

  it('should name the whole body when the body itself is a bad string', () => {
    expect(badTextFields('\u0000')).toEqual([{ field: '(body)', reason: expect.stringContaining('NUL') }]);
  });

  it('should not overflow the stack when the body is deeply nested', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];

    expect(badTextFields(deep)).toHaveLength(1);
  });
});

describe(TextHygienePipe.name, () => {
  it('should throw a ValidationProblem naming the parameter when a path parameter is bad', () => {
    const pipe = new TextHygienePipe();

    expect(() => pipe.transform('a\u0000', { type: 'param', data: 'id' })).toThrow(ValidationProblem);
    expect(pipe.transform('ok', { type: 'param', data: 'id' })).toBe('ok');
  });

  it('should leave custom parameters (the current user) alone', () => {
    const user = { name: '\u0000' };

    expect(new TextHygienePipe().transform(user, { type: 'custom' })).toBe(user);
  });
});

describe('badTextFields limits', () => {
  it('should report at most 20 fields when a body is full of bad strings', () => {
    expect(badTextFields(Array.from({ length: 1_000 }, () => '\u0000'))).toHaveLength(20);
  });
});
