/**
 * How a figure is printed: `rate` per second, `ms`, `bytes` (in KiB), `size`
 * (in bytes), `count`, or `yes` (samples are 1 for yes, 0 for no).
 * @typedef {'rate' | 'ms' | 'bytes' | 'size' | 'count' | 'yes'} Unit
 */

/**
 * @param {number} value
 * @param {Unit} unit
 * @returns {string}
 */
export function formatValue(value, unit) {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'rate':
      return `${compact(value)}/s`;
    case 'ms':
      return value >= 100
        ? `${Math.round(value).toLocaleString('en')} ms`
        : `${value.toPrecision(3)} ms`;
    case 'bytes':
      return `${(value / 1024).toFixed(1)} KiB`;
    case 'size':
      return `${Math.round(value)} B`;
    case 'count':
      return compact(value);
    case 'yes':
      return value === 1 ? 'yes' : 'no';
  }
}

/**
 * "median (min–max)", or for yes/no figures "yes (5/5)".
 * @param {import('../lib/summary.mjs').Summary | null} summary
 * @param {Unit} unit
 */
export function formatSummary(summary, unit) {
  if (summary === null) return 'not run';
  if (unit === 'yes') {
    const yes = summary.samples.filter((value) => value === 1).length;
    return `${yes === summary.samples.length ? 'yes' : 'no'} (${yes}/${summary.samples.length})`;
  }
  const median = formatValue(summary.median, unit);
  if (summary.samples.length === 1) return median;
  return `${median} (${formatValue(summary.min, unit)}–${formatValue(summary.max, unit)})`;
}

/**
 * The ratio, with one more digit where it is held against a target.
 * @param {import('../scenarios/context.mjs').Row} row
 */
export function formatRatio(row) {
  if (row.unit === 'yes' || !Number.isFinite(row.ratio)) return '–';
  if (row.ratio >= 100) return `${Math.round(row.ratio)}×`;
  return `${row.ratio.toPrecision(row.target ? 4 : 3)}×`;
}

/** @param {import('../scenarios/context.mjs').Row} row */
export function formatTarget(row) {
  if (!row.target) return '';
  return `${row.target.met ? '✓ met' : '✗ missed'}: ${row.target.text}`;
}

/** @param {number} value */
function compact(value) {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toPrecision(3)}k`;
  if (abs >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString('en');
  return value.toPrecision(3);
}
