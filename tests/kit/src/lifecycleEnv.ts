import type { LifecycleOptions } from '@opwire/server';

/** Lifecycle options from LEASE_MS, RENEW_MS, SWEEP_MS and GRACE_MS, for test processes. */
export function lifecycleFromEnv(): Partial<LifecycleOptions> {
  const options: Partial<LifecycleOptions> = {};
  const { LEASE_MS, RENEW_MS, SWEEP_MS, GRACE_MS } = process.env;
  if (LEASE_MS) options.leaseMs = Number(LEASE_MS);
  if (RENEW_MS) options.leaseRenewMs = Number(RENEW_MS);
  if (SWEEP_MS) options.sweepIntervalMs = Number(SWEEP_MS);
  if (GRACE_MS) options.shutdownGraceMs = Number(GRACE_MS);
  return options;
}
