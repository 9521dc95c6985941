/** Longest id accepted in a room name (user, tenant, role, operation, template param). */
export const MAX_ID_LENGTH = 128;

const ID = /^[A-Za-z0-9_.@+-]+$/;

/**
 * Why `value` cannot be used as an id inside a room name, or `null` when it
 * can. Ids may not contain `:`, the room separator, so a crafted id can never
 * reach into another room's name.
 */
export function idProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'expected a string';
  if (value.length === 0) return 'it is empty';
  if (value.length > MAX_ID_LENGTH) return `it is longer than ${MAX_ID_LENGTH} characters`;
  if (!ID.test(value)) return `"${value}" may only contain letters, digits and "_ . @ + -"`;
  return null;
}

/** Whether `value` can be used as an id inside a room name (see {@link idProblem}). */
export function isValidId(value: unknown): value is string {
  return idProblem(value) === null;
}
