const POLL_MS = 5;

/**
 * Resolves once `predicate` returns a truthy value (and with that value), asking again every
 * few milliseconds; rejects after `timeoutMs` with `what` in the message. The predicate may
 * be async, for conditions that have to ask a store or a server.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  what = 'condition',
  timeoutMs = 5_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
