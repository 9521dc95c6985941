import { isTerminalStatus } from '@opwire/protocol';
import type { AppendOptions, OperationOwner, OperationRecord } from './operationStore.js';

/**
 * Whether an append's conditions hold for the stored record. `now` is the
 * store's clock, or `null` where leases cannot run out (the memory store).
 */
export function checkConditions(
  record: OperationRecord,
  options: AppendOptions,
  now: number | null,
): boolean {
  if (options.token !== undefined && record.owner?.token !== options.token) return false;
  if (options.leaseExpired) {
    const until = record.owner?.leaseUntil ?? null;
    if (now === null || until === null || until > now) return false;
  }
  return options.when === undefined || options.when(record);
}

/** The owner and token after an append that met its conditions. */
export function applyOwnership(
  record: OperationRecord,
  options: AppendOptions,
  now: number | null,
): { owner: OperationOwner | null; token: number } {
  if (isTerminalStatus(record.snapshot.status) || options.release)
    return { owner: null, token: record.token };
  if (options.claim) {
    const token = record.token + 1;
    const { id, leaseMs, onLost } = options.claim;
    return { owner: { id, token, leaseMs, onLost, leaseUntil: leaseEnd(now, leaseMs) }, token };
  }
  if (record.owner && options.token !== undefined) {
    // A write by the owner shows it is alive: it renews the lease.
    return {
      owner: { ...record.owner, leaseUntil: leaseEnd(now, record.owner.leaseMs) },
      token: record.token,
    };
  }
  return { owner: record.owner, token: record.token };
}

function leaseEnd(now: number | null, leaseMs: number): number | null {
  return now === null ? null : now + leaseMs;
}
