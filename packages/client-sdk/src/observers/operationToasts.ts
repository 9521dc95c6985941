import { type OperationSnapshot, operationToastId, type ToastPayload } from '@opwire/protocol';
import type { OpwireClient } from '../opwireClient.js';
import type { OperationToast, ToastAdapter } from './toastAdapter.js';

/** Runs `flush` a little later; changes that arrive meanwhile are shown together. */
export type ToastScheduler = (flush: () => void) => void;

/** Options of {@link startOperationToasts}. */
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
  /**
   * When progress updates are shown: every update queued before the
   * scheduler runs its callback is shown once.
   * @default the next microtask
   */
  schedule?: ToastScheduler;
  /**
   * Show a loading toast for a running operation that had none here yet:
   * one the client takes back after a page reload, so its toast comes back.
   * @default true
   */
  restore?: boolean;
}

/**
 * Shows the client's toasts through `adapter`: the server's own toasts and
 * the operation lifecycle toasts the client makes (`loading` at start, then
 * `success`, `error` or `warning`, all with the id `operationToastId(id)`). Between
 * them, the loading toast is updated with the operation's progress, through
 * `schedule` so a burst of events updates it once; an end toast drops any
 * update still queued, so a late progress update never overwrites it. A
 * loading toast is shown again for an operation the client takes back after
 * a reload. `adapter` and `options` may be functions, read at each toast, so
 * a framework can hand in its latest ones. Returns the function that stops
 * everything.
 *
 * @example
 * import { toast } from 'svelte-sonner';
 * const stop = startOperationToasts(client, sonnerAdapter(toast));
 */
export function startOperationToasts(
  client: OpwireClient,
  adapterSource: ToastAdapter | (() => ToastAdapter),
  optionsSource: OperationToastsOptions | (() => OperationToastsOptions) = {},
): () => void {
  const adapter = typeof adapterSource === 'function' ? adapterSource : () => adapterSource;
  const options = typeof optionsSource === 'function' ? optionsSource : () => optionsSource;
  const schedule = (flush: () => void) => (options().schedule ?? queueMicrotask)(flush);
  let flushQueued = false;
  /** Operations whose loading toast is up, with that toast and what it shows now. */
  const loading = new Map<string, { toast: ToastPayload; shown: string }>();
  const queued = new Map<string, OperationSnapshot>();
  /** Operations a toast was shown (or filtered out) for; a restored toast never repeats one. */
  const toasted = new Set<string>();
  let stopped = false;

  const stopToasts = client.onToast((toast) => {
    const operationId = toast.operationId;
    if (operationId !== undefined) {
      queued.delete(operationId);
      loading.delete(operationId);
      toasted.add(operationId);
    }
    if (options().filter?.(toast) === false) return;
    if (operationId !== undefined && toast.type === 'loading') {
      loading.set(operationId, { toast, shown: shownKey(0, toast.message ?? null) });
    }
    adapter().show(toast);
  });

  function flush(): void {
    flushQueued = false;
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

  function restore(snapshot: OperationSnapshot): void {
    toasted.add(snapshot.id);
    const toast: ToastPayload = {
      id: operationToastId(snapshot.id),
      type: 'loading',
      title: snapshot.title ?? snapshot.type,
      operationId: snapshot.id,
      ...(snapshot.message === null ? {} : { message: snapshot.message }),
    };
    if (options().filter?.(toast) === false) return;
    loading.set(snapshot.id, { toast, shown: shownKey(snapshot.percent, snapshot.message) });
    adapter().show({ ...toast, percent: snapshot.percent });
  }

  const stopProgress = client.operations.subscribe((operations) => {
    if (stopped) return;
    if (options().restore !== false) {
      for (const snapshot of operations) if (!toasted.has(snapshot.id)) restore(snapshot);
    }
    if (loading.size === 0 || options().progress === false) return;
    for (const snapshot of operations) {
      const entry = loading.get(snapshot.id);
      if (entry === undefined || entry.shown === shownKey(snapshot.percent, snapshot.message)) {
        continue;
      }
      queued.set(snapshot.id, snapshot);
    }
    if (queued.size > 0 && !flushQueued) {
      flushQueued = true;
      schedule(flush);
    }
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
