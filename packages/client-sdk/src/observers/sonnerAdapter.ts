import type { OperationToast, ToastAdapter } from './toastAdapter.js';

/** The options of sonner's toast calls that the adapter uses. */
export interface SonnerToastOptions {
  /** The toast's id; a toast with the same id replaces the earlier one. */
  id?: string | number;
  /** Text under the title: the message, and the percent while an operation runs. */
  description?: string;
  /** How long to show the toast, in milliseconds. */
  duration?: number;
}

/** One of sonner's toast functions (`toast`, `toast.success`, ...). */
export type SonnerShowFunction = (title: string, options?: SonnerToastOptions) => string | number;

/**
 * The part of sonner's `toast` the adapter calls; sonner's own `toast`
 * satisfies it, so sonner need not be a dependency of `@opwire/react`.
 */
export interface SonnerToastFunction extends SonnerShowFunction {
  /** Shows a `success` toast. */
  success: SonnerShowFunction;
  /** Shows an `error` toast. */
  error: SonnerShowFunction;
  /** Shows a `warning` toast. */
  warning: SonnerShowFunction;
  /** Shows an `info` toast. */
  info: SonnerShowFunction;
  /** Shows a `loading` toast. */
  loading: SonnerShowFunction;
}

/**
 * A {@link ToastAdapter} for sonner. Pass sonner's `toast`; toasts with the
 * same id update in place, so an operation's toast goes from loading (with
 * its percent in the description) to success or error without a second one.
 *
 * @example
 * import { toast, Toaster } from 'sonner';
 *
 * function Toasts() {
 *   useOperationToasts(sonnerAdapter(toast));
 *   return <Toaster />;
 * }
 */
export function sonnerAdapter(toast: SonnerToastFunction): ToastAdapter {
  return {
    show(operationToast) {
      toast[operationToast.type](operationToast.title, sonnerOptions(operationToast));
    },
  };
}

function sonnerOptions(toast: OperationToast): SonnerToastOptions {
  const options: SonnerToastOptions = {};
  if (toast.id !== undefined) options.id = toast.id;
  const description = describe(toast);
  if (description !== null) options.description = description;
  if (toast.durationMs !== undefined) options.duration = toast.durationMs;
  return options;
}

/** The message, and the percent while the operation runs: `Importing rows · 42%`. */
function describe(toast: OperationToast): string | null {
  const parts: string[] = [];
  if (toast.message !== undefined && toast.message !== '') parts.push(toast.message);
  if (toast.percent !== undefined) parts.push(`${Math.round(toast.percent)}%`);
  return parts.length === 0 ? null : parts.join(' · ');
}
