import type { ToastPayload } from '@opwire/protocol';

/**
 * A toast to show: the server's or the client's toast payload, plus the
 * operation's `percent` while an operation's loading toast is updated.
 * Toasts with the same `id` (every toast of one operation shares
 * `operationToastId(operationId)`) must replace each other in place.
 */
export type OperationToast = ToastPayload & {
  /** 0–100, on the progress updates of an operation's `loading` toast. */
  percent?: number;
};

/**
 * Shows toasts with the app's toast library. `show` is called with the same
 * `id` for every toast of one operation; the adapter updates that toast in
 * place instead of adding one. {@link sonnerAdapter} is ready made.
 *
 * @example
 * const adapter: ToastAdapter = {
 *   show: (toast) => myToasts.upsert(toast.id ?? crypto.randomUUID(), toast.title, toast.message),
 * };
 */
export interface ToastAdapter {
  /** Shows `toast`, or updates the shown toast with the same `id`. */
  show(toast: OperationToast): void;
}
