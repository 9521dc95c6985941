import {
  isTerminalStatus,
  type OperationSnapshot,
  type TableRefreshPayload,
  type ToastPayload,
} from '@opwire/protocol';
import { describeOperationFailure } from './operationOutcome.js';
import type { OperationChange } from './operationSource.js';

/** The toast id of an operation's lifecycle toasts: later ones replace earlier ones in place. */
export function operationToastId(operationId: string): string {
  return `operation:${operationId}`;
}

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
      return { ...base, type: 'success', message: snapshot.message ?? 'Completed' };
    }
    if (snapshot.status === 'failed') {
      return { ...base, type: 'error', message: describeOperationFailure(snapshot.error) };
    }
    return { ...base, type: 'warning', message: snapshot.message ?? 'Cancelled' };
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

function startedNow(change: OperationChange): boolean {
  return change.events.some((event) => event.topic === 'operation.started');
}

/** Whether the client saw the operation running before this change ended it. */
function sawRunning(change: OperationChange): boolean {
  if (change.previous !== null) return !isTerminalStatus(change.previous.status);
  return startedNow(change);
}
