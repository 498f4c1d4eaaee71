import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { ValidationProblem } from './problems';

/** Validates a body, query or param against a zod schema; nothing is coerced silently beyond what the schema says. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    /** Names the field in errors when validating a single path or query parameter. */
    private readonly field?: string,
  ) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (!result.success) {
      // On @Param('stepCode') or @Query('limit') the decorator names the field; a body is named by its paths.
      const field = this.field ?? (metadata?.type === 'param' || metadata?.type === 'query' ? metadata.data : undefined);
      throw new ValidationProblem(
        result.error.issues.map((i) => ({
          field: [field, ...i.path].filter((p) => p !== undefined && p !== '').join('.') || '(body)',
          reason: i.message,
        })),
      );
    }
    return result.data;
  }
}

/** The OpenAPI schema of a zod schema, for @ApiBody({ schema }). */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** Validates a path parameter that must be a UUID, naming it in the error. */
export const uuidParam = (field: string) => new ZodPipe(z.uuid({ message: 'must be a UUID' }), field);
