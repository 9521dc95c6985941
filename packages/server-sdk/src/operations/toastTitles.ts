import type { OperationToastTitles } from '@opwire/protocol';
import type { OperationOptions } from './operationOptions.js';

/**
 * The `toastTitles` of an operation's `operation.started` payload: the titles its `toast`
 * option names, or none when it names none, so an operation without toasts costs no bytes.
 */
export function startedToastTitles(
  toast: OperationOptions['toast'],
): { toastTitles: OperationToastTitles } | Record<string, never> {
  if (toast === undefined || toast === null) return {};
  const titles: OperationToastTitles = {};
  if (typeof toast.success === 'string') titles.success = toast.success;
  if (typeof toast.failure === 'string') titles.failure = toast.failure;
  if (typeof toast.cancelled === 'string') titles.cancelled = toast.cancelled;
  return Object.keys(titles).length === 0 ? {} : { toastTitles: titles };
}
