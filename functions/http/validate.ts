import type { ZodType } from 'zod';
import { ValidationError, type FieldIssue } from '../domain/errors';

/** Parse with a route schema; a failure names each field and why. */
export function parseWith<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: FieldIssue[] = result.error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    reason: issue.message,
  }));
  throw new ValidationError(`Invalid ${where}`, fields);
}
