import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * How busy the whole machine was between `start()` and `stop()`: the share of
 * all cores' time not idle (/proc/stat, every process, not only the bench's)
 * and the one-minute load average at both ends.
 */
export function machineCpu() {
  const first = readTicks();
  const loadBefore = round(loadavg()[0] ?? 0);
  return {
    stop() {
      const last = readTicks();
      const total = last.total - first.total;
      return {
        busyShare: total > 0 ? 1 - (last.idle - first.idle) / total : Number.NaN,
        loadBefore,
        loadAfter: round(loadavg()[0] ?? 0),
      };
    },
  };
}

function readTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { idle, total: values.reduce((sum, value) => sum + value, 0) };
}

/** @param {number} value */
function round(value) {
  return Math.round(value * 100) / 100;
}
