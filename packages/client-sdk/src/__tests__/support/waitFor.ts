/**
 * Resolves once `predicate` returns a truthy value (which it resolves with),
 * checking after every turn of the event loop; rejects after `timeoutMs`
 * with `what` in the message.
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
    await new Promise((resolve) => setImmediate(resolve));
  }
}
