import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reauthDelay } from '../reauthDelay.js';
import { createReauthScheduler } from '../reauthScheduler.js';

describe('reauthDelay', () => {
  it('renews the margin before expiry for long-lived tokens', () => {
    expect(reauthDelay(3_600_000, 0, 30_000)).toBe(3_570_000);
  });

  it('renews half-way through a token shorter than twice the margin', () => {
    expect(reauthDelay(10_000, 0, 30_000)).toBe(5_000);
  });

  it('renews at once when already expired, and never without expiry', () => {
    expect(reauthDelay(100, 200, 30_000)).toBe(0);
    expect(reauthDelay(null, 0, 30_000)).toBeNull();
  });
});

describe('createReauthScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renews before expiry and again for the renewed expiry', async () => {
    let now = 0;
    const expiries = [20_000, 40_000];
    const renew = vi.fn(async () => expiries.shift() ?? null);
    const scheduler = createReauthScheduler({
      marginMs: 1_000,
      serverNow: () => now,
      renewable: () => true,
      renew,
      onError: () => {},
    });
    scheduler.schedule(10_000);
    now = 8_999;
    await vi.advanceTimersByTimeAsync(8_999);
    expect(renew).not.toHaveBeenCalled();
    now = 9_000;
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(1);
    now = 19_000;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(renew).toHaveBeenCalledTimes(2);
    scheduler.cancel();
  });

  it('does not loop when a renewal does not extend the expiry', async () => {
    const renew = vi.fn(async () => 10_000);
    const scheduler = createReauthScheduler({
      marginMs: 1_000,
      serverNow: () => 0,
      renewable: () => true,
      renew,
      onError: () => {},
    });
    scheduler.schedule(10_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(renew).toHaveBeenCalledTimes(1);
  });

  it('does nothing for a fixed token, and nothing after cancel()', async () => {
    const renew = vi.fn(async () => null);
    const fixed = createReauthScheduler({
      marginMs: 1_000,
      serverNow: () => 0,
      renewable: () => false,
      renew,
      onError: () => {},
    });
    fixed.schedule(5_000);
    const cancelled = createReauthScheduler({
      marginMs: 1_000,
      serverNow: () => 0,
      renewable: () => true,
      renew,
      onError: () => {},
    });
    cancelled.schedule(5_000);
    cancelled.cancel();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(renew).not.toHaveBeenCalled();
  });

  it('reports a failed renewal', async () => {
    const errors: unknown[] = [];
    const scheduler = createReauthScheduler({
      marginMs: 1_000,
      serverNow: () => 0,
      renewable: () => true,
      renew: async () => {
        throw new Error('refused');
      },
      onError: (error) => errors.push(error),
    });
    scheduler.schedule(2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(errors).toHaveLength(1);
  });
});
