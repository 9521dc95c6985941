import { describe, expect, it } from 'vitest';
import { PrincipalRateLimit } from '../http/principalRateLimit.js';
import { resolveLimits } from '../options.js';
import { answerCost, httpRequestCost, resumeCost } from '../requests/requestCost.js';
import { chargeTokens, refillDelayMs, takeToken } from '../socket/rateLimiter.js';

describe('takeToken', () => {
  it('takes what a request costs while a token is left, and lets the bucket go into debt', () => {
    const bucket = { tokens: 3, updatedAt: 0 };
    expect(takeToken(bucket, 1, 3, 0, 11)).toBe(true);
    expect(bucket.tokens).toBe(-8);
    expect(takeToken(bucket, 1, 3, 0)).toBe(false);
    expect(refillDelayMs(bucket, 1)).toBe(9_000);
    // Nine seconds later one token is back.
    expect(takeToken(bucket, 1, 3, 9_000)).toBe(true);
    expect(bucket.tokens).toBe(0);
  });

  it('charges what a request turned out to cost after it ran', () => {
    const bucket = { tokens: 10, updatedAt: 0 };
    expect(takeToken(bucket, 20, 40, 0)).toBe(true);
    chargeTokens(bucket, answerCost(1024 * 1024));
    expect(bucket.tokens).toBe(10 - 1 - 16);
  });
});

describe('request costs', () => {
  it('grows with what a request asks for', () => {
    expect(resumeCost(1)).toBe(1);
    expect(resumeCost(500)).toBe(11);
    expect(answerCost(64 * 1024 - 1)).toBe(0);
    expect(answerCost(1024 * 1024)).toBe(16);
    expect(httpRequestCost(0)).toBe(1);
    expect(httpRequestCost(100)).toBe(11);
  });
});

describe('PrincipalRateLimit', () => {
  const alice = { userId: 'alice', tenantId: 'acme', roles: [] };
  const bob = { userId: 'alice', tenantId: 'globex', roles: [] };

  it('gives each principal a bucket of its own and says when to retry', () => {
    const limit = new PrincipalRateLimit(2, 3);
    for (let i = 0; i < 3; i += 1) expect(limit.take(alice, 1, 0)).toBeNull();
    expect(limit.take(alice, 1, 0)).toBe(500);
    expect(limit.take(bob, 1, 0)).toBeNull();
    expect(limit.take(alice, 1, 500)).toBeNull();
  });

  it('forgets principals whose bucket refilled, so memory follows recent callers', () => {
    const limit = new PrincipalRateLimit(10, 5);
    for (let i = 0; i < 10_000; i += 1) {
      limit.take({ userId: `u${i}`, roles: [] }, 1, i * 10);
    }
    // A bucket is full again 100 ms after its one request: only the last few remain.
    expect(limit.size).toBeLessThan(20);
  });
});

describe('resolveLimits', () => {
  it('fills in the defaults', () => {
    expect(resolveLimits({ burst: 5 })).toMatchObject({
      burst: 5,
      requestsPerSecond: 20,
      maxResumeEvents: 1000,
      maxResumeBytes: 1024 * 1024,
      maxBufferedBytes: 8 * 1024 * 1024,
      httpRequestsPerSecond: 20,
      httpBurst: 40,
    });
  });

  it.each([
    [{ burst: 0 }, 'limits.burst must be a positive number'],
    [{ maxResumeBytes: -1 }, 'limits.maxResumeBytes must be a positive number'],
    [{ httpBurst: Number.NaN }, 'limits.httpBurst must be a positive number'],
    [{ requestsPerSecond: '5' }, 'limits.requestsPerSecond must be a positive number'],
    [{ maxRooms: 5 }, 'Unknown limit "maxRooms"'],
  ])('refuses %j with invalid_option', (given, message) => {
    expect(() => resolveLimits(given as never)).toThrow(
      expect.objectContaining({
        code: 'invalid_option',
        message: expect.stringContaining(message),
      }),
    );
  });
});
