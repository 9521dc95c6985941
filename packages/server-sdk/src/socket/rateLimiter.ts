/** The state of a token bucket, kept on whatever it limits. */
export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Refills a bucket of `burst` tokens at `perSecond`, then takes `cost` tokens
 * when at least one is left; `false` (and nothing taken) when none is. A
 * request that costs more than is left still runs and leaves the bucket in
 * debt, which later requests wait out. Pure apart from the bucket it updates.
 */
export function takeToken(
  bucket: TokenBucket,
  perSecond: number,
  burst: number,
  now: number,
  cost = 1,
): boolean {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= cost;
  return true;
}

/** Charges what a request turned out to cost on top of what was taken; the bucket may go into debt. */
export function chargeTokens(bucket: TokenBucket, cost: number): void {
  bucket.tokens -= cost;
}

/** Milliseconds until the bucket holds one token again (0 when it does). */
export function refillDelayMs(bucket: TokenBucket, perSecond: number): number {
  return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / perSecond) * 1000);
}
