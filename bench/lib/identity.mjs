/** HS256 secret shared by the bench's opwire servers and its load generator. Loopback only. */
export const BENCH_JWT_SECRET = 'opwire-bench-secret-loopback-only';

/** Tenants the bench's clients are spread over. */
export const TENANTS = 100;

/**
 * Who bench client number `index` is: its own user, and one of a hundred tenants.
 * @param {number} index
 * @returns {{ userId: string, tenantId: string }}
 */
export function identityOf(index) {
  return { userId: `u${index}`, tenantId: `t${index % TENANTS}` };
}
