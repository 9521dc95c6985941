import { OpwireError } from '@opwire/protocol';
import type { StandardSchemaV1 } from '@standard-schema/spec';

/**
 * Any schema that implements Standard Schema: zod (3.24+ and 4), Valibot,
 * ArkType and others. opwire validates with it and infers types from it.
 */
export type Schema<TOutput = unknown> = StandardSchemaV1<unknown, TOutput>;

/** The type a schema produces. */
export type inferSchema<T> = T extends StandardSchemaV1<unknown, infer O> ? O : never;

/**
 * Validates `value` synchronously; throws `invalid_payload` naming `what` and
 * the first problem. Async schemas cannot be checked at the call site and are
 * refused with `invalid_option`.
 */
export function assertMatches(schema: Schema, value: unknown, what: string): void {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) {
    throw new OpwireError(
      'invalid_option',
      `${what} uses an async schema; opwire validates synchronously.`,
    );
  }
  if (!result.issues) return;
  const [issue] = result.issues;
  const path = issue?.path?.map((part) => (typeof part === 'object' ? part.key : part)).join('.');
  throw new OpwireError(
    'invalid_payload',
    `${what} failed validation${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}`,
  );
}
