import { now } from '../lib/clock.mjs';

/**
 * One job reports progress `calls` times in a tight loop and then completes.
 * Every `slice` calls it lets the event loop turn once (`pauseMs` 0), or
 * waits `pauseMs` as a job waiting on I/O would; without either, nothing
 * reaches the wire until the loop ends.
 *
 * @param {import('./flavor.mjs').ServerFlavor} flavor
 * @param {{ room: string, calls: number, slice: number, pauseMs: number }} plan
 */
export function startProgressStorm(flavor, { room, calls, slice, pauseMs }) {
  const startedAt = now();
  const pause =
    pauseMs > 0
      ? () => new Promise((resolve) => setTimeout(resolve, pauseMs))
      : () => new Promise((resolve) => setImmediate(resolve));
  const job = (async () => {
    const operation = flavor.operation(room, 'storm');
    for (let call = 1; call <= calls; call += 1) {
      operation.progress(Math.floor((call * 100) / calls), { processed: call });
      if (call % slice === 0) await pause();
    }
    const loopMs = now() - startedAt;
    await operation.complete({ processed: calls });
    return loopMs;
  })();
  return {
    startedAt,
    /** Resolves with the loop's duration once the completion is out. */
    finished: job,
  };
}
