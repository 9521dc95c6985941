/**
 * Resolves once `predicate` holds, checking every few ms; rejects after `timeoutMs` with
 * `what` in the message. Same argument order as the client tests' `waitFor`.
 */
export async function waitFor(
  predicate: () => boolean,
  what = 'condition',
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Like {@link waitFor}, for a predicate that has to ask something (a store, a server). */
export async function waitForAsync(
  predicate: () => Promise<boolean>,
  what = 'condition',
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
