import { z } from 'zod';
import { ValidationProblem } from './problems';
import { ZodPipe, uuidParam } from './zod.pipe';

function problemOf(act: () => unknown): ValidationProblem {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationProblem) return error;
    throw error;
  }
  throw new Error('expected a ValidationProblem');
}

const body = z.object({
  lotNumber: z.string().min(1),
  reagents: z.array(z.object({ code: z.string(), quantity: z.number().positive() })),
});

describe(ZodPipe.name, () => {
  it('should return the parsed value when it matches the schema', () => {
    // Arrange
    const pipe = new ZodPipe(z.object({ limit: z.coerce.number().int() }));

    // Act
    const value = pipe.transform({ limit: '20' });

    // Assert
    expect(value).toEqual({ limit: 20 });
  });

  it('should name each bad field by its path when the body is invalid', () => {
    // Arrange
    const pipe = new ZodPipe(body);

    // Act
    const problem = problemOf(() =>
      pipe.transform({
        lotNumber: '',
        reagents: [
          { code: 'IL-2', quantity: 1 },
          { code: 'CD3', quantity: -1 },
        ],
      }),
    );

    // Assert
    expect(problem).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['lotNumber', 'reagents.1.quantity']);
    expect(problem.errors.every((e) => e.reason.length > 0)).toBe(true);
  });

  it('should name the body when the whole value has the wrong type', () => {
    // Arrange
    const pipe = new ZodPipe(body);

    // Act
    const problem = problemOf(() => pipe.transform('a string'));

    // Assert
    expect(problem.errors).toEqual([{ field: '(body)', reason: expect.any(String) }]);
  });
});

describe('ZodPipe on a named parameter', () => {
  it('should name the path parameter from its decorator when the pipe was given no field', () => {
    // Act
    const problem = problemOf(() =>
      new ZodPipe(z.string().regex(/^[A-Z]+$/, 'must be a step code')).transform('x', { type: 'param', data: 'stepCode' }),
    );

    // Assert
    expect(problem.errors).toEqual([{ field: 'stepCode', reason: 'must be a step code' }]);
  });
});

describe(uuidParam.name, () => {
  it('should name the parameter when the value is not a UUID', () => {
    // Act
    const problem = problemOf(() => uuidParam('id').transform('42'));

    // Assert
    expect(problem.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it('should return the value when it is a UUID', () => {
    // Act
    const value = uuidParam('id').transform('8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11');

    // Assert
    expect(value).toBe('8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11');
  });
});
