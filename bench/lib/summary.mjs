/**
 * @typedef {{ median: number, min: number, max: number, samples: number[] }} Summary
 */

/**
 * Median, minimum and maximum of repeated measurements of one figure.
 * @param {number[]} samples
 * @returns {Summary}
 */
export function summarize(samples) {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? /** @type {number} */ (sorted[middle])
      : /** @type {number} */ (sorted[middle - 1] + /** @type {number} */ (sorted[middle])) / 2;
  return {
    median,
    min: /** @type {number} */ (sorted[0]),
    max: /** @type {number} */ (sorted[sorted.length - 1]),
    samples,
  };
}

/**
 * The value below which `fraction` of the sorted values lie (nearest rank).
 * @param {Float64Array} sorted
 * @param {number} fraction 0..1
 * @returns {number}
 */
export function percentile(sorted, fraction) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return /** @type {number} */ (sorted[rank]);
}

/**
 * p50, p95 and p99 of a set of latencies.
 * @param {Float64Array} values
 * @returns {{ p50: number, p95: number, p99: number, count: number }}
 */
export function latencyPercentiles(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    count: sorted.length,
  };
}
