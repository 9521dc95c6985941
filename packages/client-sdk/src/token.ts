/**
 * Credentials for the server: a bearer token, or a function that returns the
 * current one (sync or async). A function is called at every connect,
 * reconnect and re-authentication, so it can hand out a refreshed token.
 * Returning `null` or `undefined` connects without a token.
 */
export type TokenSource =
  | string
  | (() => string | null | undefined | Promise<string | null | undefined>);

/** The token to use right now, or `undefined` for none. */
export async function resolveToken(source: TokenSource | undefined): Promise<string | undefined> {
  if (source === undefined) return undefined;
  const token = typeof source === 'function' ? await source() : source;
  return token === null || token === undefined || token === '' ? undefined : token;
}
