import { OpwireError } from '@opwire/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retryRateLimited } from '../retryRateLimited.js';

describe('retryRateLimited', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a rate-limited request after growing pauses until it goes through', async () => {
    let calls = 0;
    const run = vi.fn(async () => {
      calls += 1;
      if (calls < 3) throw new OpwireError('rate_limited', 'slow down');
      return 'ok';
    });
    const result = retryRateLimited(run, 4, 100);
    await vi.advanceTimersByTimeAsync(99);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(200);
    await expect(result).resolves.toBe('ok');
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('gives up after the last retry, and never retries other errors', async () => {
    const limited = retryRateLimited(
      async () => {
        throw new OpwireError('rate_limited', 'slow down');
      },
      2,
      10,
    );
    const assertion = expect(limited).rejects.toMatchObject({ code: 'rate_limited' });
    await vi.advanceTimersByTimeAsync(100);
    await assertion;
    const forbidden = vi.fn(async () => {
      throw new OpwireError('forbidden', 'no');
    });
    await expect(retryRateLimited(forbidden)).rejects.toMatchObject({ code: 'forbidden' });
    expect(forbidden).toHaveBeenCalledTimes(1);
  });
});
