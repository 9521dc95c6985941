import type { OperationSnapshot } from '@opwire/protocol';
import { isVisibleTo } from '../operations/visibility.js';
import type { Caller, RequestContext } from './requestCore.js';

/**
 * The operation's snapshot when the caller may see it, else `null`. A missing
 * and an invisible id cost the same: one store read and a set lookup per
 * audience room, no room policy.
 */
export async function visibleOperation(
  context: RequestContext,
  caller: Caller,
  id: string,
): Promise<OperationSnapshot | null> {
  if (caller.principal === null) return null;
  const snapshot = await context.runtime.store.get(id);
  if (snapshot === null || !isVisibleTo(snapshot, caller.rooms)) return null;
  return snapshot;
}
