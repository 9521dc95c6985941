/**
 * Delay before retry number `attempt` (from 0): doubling from `minMs` up to
 * `maxMs`, spread by up to ±`randomization` of itself. Pure, like the
 * backoff Socket.IO applies to lost connections, with the same settings.
 */
export function retryDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  randomization: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 31));
  const spread = base * randomization * (2 * random() - 1);
  return Math.round(Math.min(maxMs, Math.max(0, base + spread)));
}

export interface UnavailableRetryOptions {
  reconnectionAttempts: number;
  reconnectionDelayMs: number;
  reconnectionDelayMaxMs: number;
  randomizationFactor: number;
  /** Makes the next connection attempt. */
  reconnect(): void;
}

export interface UnavailableRetry {
  /** Plans the next attempt; `false` when the attempts allowed in a row are used up. */
  schedule(): boolean;
  /** The server accepted a session: the next refusal starts from the shortest delay. */
  reset(): void;
  cancel(): void;
}

/**
 * Retries after the server refused a handshake with `unavailable` (it could
 * not check the credentials, or it is shutting down). Socket.IO never
 * reconnects after a refusal in a server middleware, so the client does,
 * with backoff.
 */
export function createUnavailableRetry(options: UnavailableRetryOptions): UnavailableRetry {
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function cancel(): void {
    clearTimeout(timer);
    timer = undefined;
  }

  return {
    schedule() {
      cancel();
      if (attempts >= options.reconnectionAttempts) return false;
      const delay = retryDelay(
        attempts,
        options.reconnectionDelayMs,
        options.reconnectionDelayMaxMs,
        options.randomizationFactor,
      );
      attempts += 1;
      // Not unref'd: like Socket.IO's own reconnection, a retry keeps a Node process alive.
      timer = setTimeout(() => {
        timer = undefined;
        options.reconnect();
      }, delay);
      return true;
    },
    reset() {
      attempts = 0;
    },
    cancel,
  };
}
