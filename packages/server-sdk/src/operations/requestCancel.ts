import { isTerminalStatus } from '@opwire/protocol';
import { endWaiting } from './enqueue.js';
import type { OperationRuntime } from './operationRuntime.js';
import type { LocalOperations } from './operationsApi.js';

/**
 * Cancels locally when the operation runs here; ends a waiting queued one
 * at once and has its job removed; otherwise relays the request to the
 * process running it. Resolves whether a cancel was made or reached a process.
 */
export async function requestCancel(
  runtime: OperationRuntime,
  running: LocalOperations,
  id: string,
  reason: string | undefined,
): Promise<boolean> {
  const local = running.get(id);
  if (local && local.role !== 'follower') {
    local.requestCancel(reason);
    return true;
  }
  const record = await runtime.store.record(id);
  if (record === null || isTerminalStatus(record.snapshot.status)) return false;
  const { queue } = record;
  if (queue !== null && record.owner === null) {
    const cancelled = await endWaiting(runtime, id, {
      topic: 'operation.cancelled',
      payload: reason === undefined ? {} : { reason },
    });
    if (cancelled) {
      await removeJob(runtime, id, queue, reason);
      return true;
    }
    // A worker claimed it meanwhile: ask that worker, as for any running operation.
  }
  if (runtime.cancelRemote) return runtime.cancelRemote(id, reason);
  return false;
}

/** Removes a cancelled operation's waiting job: here when this process watches its queue, else by relay. */
async function removeJob(
  runtime: OperationRuntime,
  id: string,
  queue: string,
  reason: string | undefined,
): Promise<void> {
  const watch = runtime.queues.get(queue);
  try {
    if (watch) await watch.remove(id);
    else await runtime.cancelRemote?.(id, reason, queue);
  } catch {
    // The job stays; a worker that picks it up finds the operation cancelled and drops it.
  }
}
