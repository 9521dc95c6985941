/**
 * How long to wait before re-authenticating a socket whose credentials
 * expire at `expiresAt` (server time), or `null` when they never expire.
 *
 * The client renews `marginMs` before expiry; a token that lives less than
 * twice the margin is renewed half-way through its remaining life, so a short
 * token is not renewed in a tight loop.
 */
export function reauthDelay(
  expiresAt: number | null,
  serverNow: number,
  marginMs: number,
): number | null {
  if (expiresAt === null) return null;
  const remaining = expiresAt - serverNow;
  if (remaining <= 0) return 0;
  return Math.round(Math.max(remaining - marginMs, remaining / 2));
}
