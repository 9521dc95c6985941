import type { Principal } from '@opwire/protocol';
import type { Timers } from '../operations/progressCoalescer.js';
import { RateLimiter } from './rateLimiter.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** What opwire keeps per socket, in `socket.data.opwire`. */
export class SocketSession {
  principal: Principal | null;
  expiresAt: number | null;
  /** Built-in rooms joined at connect (or after re-authentication). */
  principalRooms: string[];
  /** Rooms joined on request: custom and operation rooms. */
  readonly requestedRooms = new Set<string>();
  readonly limiter: RateLimiter;
  readonly #timers: Timers;
  #expiryTimer: unknown;

  constructor(
    principal: Principal | null,
    expiresAt: number | null,
    principalRooms: string[],
    limits: { requestsPerSecond: number; burst: number },
    timers: Timers,
  ) {
    this.principal = principal;
    this.expiresAt = expiresAt;
    this.principalRooms = principalRooms;
    this.#timers = timers;
    this.limiter = new RateLimiter(limits.requestsPerSecond, limits.burst, timers.now());
  }

  /** Calls `onExpired` at `expiresAt`, unless the session is re-armed or disposed first. */
  armExpiry(onExpired: () => void): void {
    this.#clearExpiry();
    if (this.expiresAt === null) return;
    const check = () => {
      this.#expiryTimer = undefined;
      if (this.expiresAt === null) return;
      const left = this.expiresAt - this.#timers.now();
      if (left <= 0) onExpired();
      else this.#expiryTimer = this.#timers.setTimeout(check, Math.min(left, MAX_TIMER_MS));
    };
    check();
  }

  dispose(): void {
    this.#clearExpiry();
  }

  #clearExpiry(): void {
    if (this.#expiryTimer === undefined) return;
    this.#timers.clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
  }
}
