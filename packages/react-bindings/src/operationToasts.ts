import type { OperationSnapshot, OpwireClient, ToastPayload } from '@opwire/client';
import type { OperationToast, ToastAdapter } from './toastAdapter.js';
import type { UpdateBatch } from './updateBatch.js';

/** Options of {@link useOperationToasts}. */
export interface OperationToastsOptions {
  /**
   * Return `false` to skip a toast (decided on an operation's `loading`
   * toast for its progress updates too).
   * @default every toast is shown
   */
  filter?: (toast: ToastPayload) => boolean;
  /**
   * Update an operation's loading toast with its percent and message as it
   * progresses (at most once per frame).
   * @default true
   */
  progress?: boolean;
}

/**
 * Shows the client's toasts through `adapter`: the server's own toasts and
 * the operation lifecycle toasts the client makes (`loading` at start, then
 * `success`, `error` or `warning`, all with the id `operation:{id}`). Between
 * them, the loading toast is updated with the operation's progress, through
 * `batch` so a burst of events updates it once; an end toast drops any update
 * still queued, so a late progress update never overwrites it. Returns the
 * function that stops everything. Internal.
 */
export function startOperationToasts(
  client: OpwireClient,
  adapter: () => ToastAdapter,
  options: () => OperationToastsOptions,
  batch: UpdateBatch,
): () => void {
  /** Operations whose loading toast is up, with that toast and what it shows now. */
  const loading = new Map<string, { toast: ToastPayload; shown: string }>();
  const queued = new Map<string, OperationSnapshot>();
  let stopped = false;

  const stopToasts = client.onToast((toast) => {
    const operationId = toast.operationId;
    if (operationId !== undefined) {
      queued.delete(operationId);
      loading.delete(operationId);
    }
    if (options().filter?.(toast) === false) return;
    if (operationId !== undefined && toast.type === 'loading') {
      loading.set(operationId, { toast, shown: shownKey(0, toast.message ?? null) });
    }
    adapter().show(toast);
  });

  function flush(): void {
    if (stopped) return;
    const updates = [...queued.values()];
    queued.clear();
    for (const snapshot of updates) {
      const entry = loading.get(snapshot.id);
      if (entry === undefined) continue;
      entry.shown = shownKey(snapshot.percent, snapshot.message);
      adapter().show(progressToast(entry.toast, snapshot));
    }
  }

  const stopProgress = client.operations.subscribe((operations) => {
    if (stopped || loading.size === 0 || options().progress === false) return;
    for (const snapshot of operations) {
      const entry = loading.get(snapshot.id);
      if (entry === undefined || entry.shown === shownKey(snapshot.percent, snapshot.message)) {
        continue;
      }
      queued.set(snapshot.id, snapshot);
    }
    if (queued.size > 0) batch.notify(flush);
  });

  return () => {
    stopped = true;
    stopToasts();
    stopProgress();
  };
}

function shownKey(percent: number, message: string | null): string {
  return `${percent}\u0000${message ?? ''}`;
}

function progressToast(toast: ToastPayload, snapshot: OperationSnapshot): OperationToast {
  const message = snapshot.message ?? toast.message;
  const { message: _previous, ...rest } = toast;
  return message === undefined
    ? { ...rest, type: 'loading', percent: snapshot.percent }
    : { ...rest, type: 'loading', message, percent: snapshot.percent };
}
