import {
  isTerminalStatus,
  type OperationSnapshot,
  type OperationToastTitles,
  operationToastId,
  type TableRefreshPayload,
  type ToastPayload,
} from '@opwire/protocol';
import { describeOperationFailure } from './operationOutcome.js';
import type { OperationChange } from './operationSource.js';

/**
 * The lifecycle toast a change calls for: `loading` when the client sees an
 * operation start, then `success`, `error` or `warning` when it sees it end.
 * An operation first seen already finished (a late fetch) gives none, so
 * opening a page does not replay old news.
 */
export function lifecycleToast(change: OperationChange): ToastPayload | null {
  const { snapshot } = change;
  if (!change.isNews) return null;
  const base = {
    id: operationToastId(snapshot.id),
    title: nameOf(snapshot),
    operationId: snapshot.id,
  };
  if (isTerminalStatus(snapshot.status)) {
    if (!sawRunning(change)) return null;
    if (snapshot.status === 'succeeded') {
      const title = endTitle(snapshot, 'success');
      return { ...base, title, type: 'success', message: completionMessage(change) ?? 'Completed' };
    }
    if (snapshot.status === 'failed') {
      const message = describeOperationFailure(snapshot.error);
      return { ...base, title: endTitle(snapshot, 'failure'), type: 'error', message };
    }
    const message = snapshot.message ?? 'Cancelled';
    return { ...base, title: endTitle(snapshot, 'cancelled'), type: 'warning', message };
  }
  if (change.previous?.status === 'running' && snapshot.status === 'queued') {
    // An attempt failed, or its worker stopped: the loading toast says why while it waits.
    const retry =
      snapshot.attempts > 1 ? ` (attempt ${snapshot.attempt} of ${snapshot.attempts})` : '';
    return {
      ...base,
      type: 'loading',
      message: `${snapshot.message ?? 'Waiting to run again'}${retry}`,
    };
  }
  if (change.previous === null && startedNow(change)) {
    return snapshot.message === null
      ? { ...base, type: 'loading' }
      : { ...base, type: 'loading', message: snapshot.message };
  }
  return null;
}

/**
 * The table refresh an operation's success calls for (its declared `tables`),
 * so a table reloads even when the server's own refresh message was missed
 * during a disconnect and the completion arrived by replay.
 */
export function completionTableRefresh(change: OperationChange): TableRefreshPayload | null {
  const { snapshot } = change;
  if (!change.isNews || snapshot.status !== 'succeeded' || snapshot.tables.length === 0)
    return null;
  if (!sawRunning(change)) return null;
  return { tables: [...snapshot.tables], action: 'refresh', operationId: snapshot.id };
}

function nameOf(snapshot: OperationSnapshot): string {
  return snapshot.title ?? snapshot.type;
}

/** The end toast's title the server chose for the operation, else its name. */
function endTitle(snapshot: OperationSnapshot, end: keyof OperationToastTitles): string {
  return snapshot.toastTitles?.[end] ?? nameOf(snapshot);
}

/**
 * The completion's own message, not the last progress message the snapshot
 * keeps when the completion has none; `undefined` when the change holds no
 * completion event (a server snapshot), which cannot tell the two apart.
 */
function completionMessage(change: OperationChange): string | undefined {
  for (const event of change.events) {
    if (event.topic === 'operation.completed') return event.payload.message;
  }
  return undefined;
}

function startedNow(change: OperationChange): boolean {
  return change.events.some((event) => event.topic === 'operation.started');
}

/** Whether the client saw the operation running before this change ended it. */
function sawRunning(change: OperationChange): boolean {
  if (change.previous !== null) return !isTerminalStatus(change.previous.status);
  return startedNow(change);
}
