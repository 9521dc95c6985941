import type { Principal } from '@opwire/protocol';
import { refillDelayMs, type TokenBucket, takeToken } from '../socket/rateLimiter.js';

/** Most principals whose buckets are kept at once; the least recently seen go first. */
const MAX_PRINCIPALS = 50_000;

/**
 * One token bucket per principal, for the HTTP API, on this node. Buckets of
 * principals that stayed away long enough to be full again are dropped as
 * later requests come in, so memory follows the callers of the last moments.
 */
export class PrincipalRateLimit {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #perSecond: number;
  readonly #burst: number;

  constructor(perSecond: number, burst: number) {
    this.#perSecond = perSecond;
    this.#burst = burst;
  }

  /**
   * Takes `cost` units for the principal; `null` when it may go on, else the
   * milliseconds until it may try again.
   */
  take(principal: Principal, cost: number, now: number): number | null {
    const key = `${principal.tenantId ?? ''}:${principal.userId}`;
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, updatedAt: now };
    // Re-inserted last, so the map stays ordered from least to most recently seen.
    this.#buckets.delete(key);
    this.#forgetIdle(now);
    this.#buckets.set(key, bucket);
    if (takeToken(bucket, this.#perSecond, this.#burst, now, cost)) return null;
    return refillDelayMs(bucket, this.#perSecond);
  }

  /** Principals with a bucket, for tests. */
  get size(): number {
    return this.#buckets.size;
  }

  #forgetIdle(now: number): void {
    for (let checked = 0; checked < 2; checked += 1) {
      const oldest = this.#buckets.entries().next();
      if (oldest.done) return;
      const [key, bucket] = oldest.value;
      const full =
        bucket.tokens + (Math.max(0, now - bucket.updatedAt) / 1000) * this.#perSecond >=
        this.#burst;
      if (!full && this.#buckets.size <= MAX_PRINCIPALS) return;
      this.#buckets.delete(key);
    }
  }
}
