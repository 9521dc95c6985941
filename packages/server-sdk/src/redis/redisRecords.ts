import type { OperationSnapshot } from '@opwire/protocol';
import type { LeaseLossPolicy, OperationRecord } from '../store/operationStore.js';
import type { RedisClient } from './redisClient.js';
import type { RedisKeys } from './redisKeys.js';

const FIELDS = ['snapshot', 'token', 'owner', 'leaseMs', 'leaseUntil', 'onLost', 'queue'] as const;

/** Reads an operation's state hash (one round trip) into a record, or `null`. */
export async function readRecord(
  redis: RedisClient,
  keys: RedisKeys,
  operationId: string,
): Promise<OperationRecord | null> {
  return parseRecord(await redis.hmget(keys.state(operationId), ...FIELDS));
}

function parseRecord(values: (string | null)[]): OperationRecord | null {
  const [snapshot, token, owner, leaseMs, leaseUntil, onLost, queue] = values;
  if (snapshot === null || snapshot === undefined) return null;
  const current = Number(token ?? 0);
  return {
    snapshot: JSON.parse(snapshot) as OperationSnapshot,
    token: current,
    queue: queue ?? null,
    owner:
      owner === null || owner === undefined
        ? null
        : {
            id: owner,
            token: current,
            leaseMs: Number(leaseMs),
            leaseUntil: leaseUntil === null || leaseUntil === undefined ? null : Number(leaseUntil),
            onLost: (onLost === 'requeue' ? 'requeue' : 'fail') satisfies LeaseLossPolicy,
          },
  };
}
