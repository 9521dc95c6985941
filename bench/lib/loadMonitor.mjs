import { loadavg } from 'node:os';

/**
 * Samples the machine's one-minute load average every `intervalMs` while a
 * run lasts, so the report can say how busy the machine was.
 * @param {number} intervalMs
 */
export function monitorLoad(intervalMs = 10_000) {
  /** @type {number[]} */
  const samples = [/** @type {number} */ (loadavg()[0])];
  const timer = setInterval(() => samples.push(/** @type {number} */ (loadavg()[0])), intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      samples.push(/** @type {number} */ (loadavg()[0]));
      const round = (/** @type {number} */ value) => Math.round(value * 100) / 100;
      return {
        min: round(Math.min(...samples)),
        mean: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
        max: round(Math.max(...samples)),
      };
    },
  };
}
