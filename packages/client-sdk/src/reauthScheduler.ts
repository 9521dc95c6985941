import { reauthDelay } from './reauthDelay.js';
import { type CancelTimer, startTimer } from './timers.js';

export interface ReauthSchedulerOptions {
  marginMs: number;
  serverNow(): number;
  /** Whether fresh credentials can be had at all (a token function, not a fixed string). */
  renewable(): boolean;
  /** Sends fresh credentials; resolves with their expiry, or `null` when none was sent. */
  renew(): Promise<number | null>;
  onError(error: unknown): void;
}

export interface ReauthScheduler {
  /** Plans the next renewal for credentials expiring at `expiresAt` (server time). */
  schedule(expiresAt: number | null): void;
  cancel(): void;
}

/**
 * Renews credentials before they expire so a long session is not cut. A
 * renewal that does not push the expiry later is not repeated: the server
 * then ends the session at expiry and the connection reconnects with a
 * fresh token instead of renewing in a loop.
 */
export function createReauthScheduler(options: ReauthSchedulerOptions): ReauthScheduler {
  let cancelTimer: CancelTimer | null = null;
  let generation = 0;

  function cancel(): void {
    generation += 1;
    cancelTimer?.();
    cancelTimer = null;
  }

  function schedule(expiresAt: number | null): void {
    cancel();
    if (!options.renewable()) return;
    const delay = reauthDelay(expiresAt, options.serverNow(), options.marginMs);
    if (delay === null || expiresAt === null) return;
    const current = generation;
    cancelTimer = startTimer(() => {
      cancelTimer = null;
      options.renew().then(
        (next) => {
          if (current === generation && next !== null && next > expiresAt) schedule(next);
        },
        (error: unknown) => {
          if (current === generation) options.onError(error);
        },
      );
    }, delay);
  }

  return { schedule, cancel };
}
