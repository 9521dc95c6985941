/** The state of a token bucket, kept on whatever it limits. */
export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Takes one token from a bucket of `burst` tokens refilled at `perSecond`;
 * `false` when the bucket is empty. Pure apart from the bucket it updates.
 */
export function takeToken(
  bucket: TokenBucket,
  perSecond: number,
  burst: number,
  now: number,
): boolean {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
