import { identityOf, TENANTS } from '../lib/identity.mjs';

export { TENANTS as CAPACITY_TENANTS };

/**
 * The tenant number of bench identity `index`.
 * @param {number} index
 */
export function capacityTenantOf(index) {
  return Number(identityOf(index).tenantId.slice(1));
}
