// The primitive checks the zod-free readers are built from. Each mirrors the zod
// check its schema uses (zod 4: numbers are finite, integers are safe integers).

/** A plain object's fields, as a reader sees them. */
export type Fields = Record<string, unknown>;

/** A non-null object that is not an array. */
export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** A finite number, as `z.number()` accepts. */
export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A safe integer, as `z.number().int()` accepts. */
export function isInteger(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

export function isPositiveInteger(value: unknown): value is number {
  return isInteger(value) && value > 0;
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

/** `undefined`, or a value `check` accepts: a zod `.optional()`. */
export function isOptional<T>(check: (value: unknown) => value is T, value: unknown): boolean {
  return value === undefined || check(value);
}

/** `null`, or a value `check` accepts: a zod `.nullable()`. */
export function isNullable<T>(check: (value: unknown) => value is T, value: unknown): boolean {
  return value === null || check(value);
}

/**
 * Copies the fields of `source` that are present (not `undefined`), as zod does for a
 * schema's optional keys: unknown keys are left out, absent ones stay absent.
 */
export function presentFields<T extends object>(source: Fields, keys: readonly string[]): T {
  const target: Fields = {};
  for (const key of keys) if (source[key] !== undefined) target[key] = source[key];
  return target as T;
}

/** Reads every item with `read`; `undefined` when one does not fit. */
export function readArray<T>(
  value: unknown,
  read: (item: unknown) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    const parsed = read(item);
    if (parsed === undefined) return undefined;
    items.push(parsed);
  }
  return items;
}
