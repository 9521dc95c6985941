/** A cancellable timeout. */
export type CancelTimer = () => void;

/**
 * `setTimeout` that does not keep a Node process alive on its own: the
 * client's housekeeping timers (re-authentication, polling) must not stop a
 * script from exiting once it is done.
 */
export function startTimer(callback: () => void, delayMs: number): CancelTimer {
  const timer = setTimeout(callback, Math.max(0, delayMs));
  if (typeof timer === 'object' && timer !== null && 'unref' in timer) timer.unref();
  return () => clearTimeout(timer);
}
