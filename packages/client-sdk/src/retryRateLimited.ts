import { OpwireError } from '@opwire/protocol';
import { startTimer } from './timers.js';

/** Attempts after the first one for a background request the server rate-limited. */
export const RATE_LIMIT_RETRIES = 4;
/** Pause before the first retry; each further retry waits one more such step. */
export const RATE_LIMIT_PAUSE_MS = 500;

/**
 * Runs a request the client sends on its own (loading, resuming, re-joining)
 * and, when the server answers `rate_limited`, tries again after a growing
 * pause instead of failing: a reconnect that re-joins many rooms and resumes
 * many operations at once must not lose any to the per-socket limit.
 */
export async function retryRateLimited<T>(
  run: () => Promise<T>,
  retries = RATE_LIMIT_RETRIES,
  pauseMs = RATE_LIMIT_PAUSE_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const limited = error instanceof OpwireError && error.code === 'rate_limited';
      if (!limited || attempt >= retries) throw error;
      await new Promise<void>((resolve) => startTimer(resolve, pauseMs * (attempt + 1)));
    }
  }
}
