/**
 * @typedef {object} RowSpec
 * @property {string} group  What was measured, e.g. "1 room × 1,000 clients · opwire emit".
 * @property {string} figure
 * @property {import('../report/format.mjs').Unit} unit
 * @property {string} base  Series of the baseline column.
 * @property {string} subject  Series of the compared column.
 * @property {string} key  Figure name in both series…
 * @property {string} [subjectKey]  …or in the subject series, where it differs.
 * @property {(ratio: number, subject: import('../lib/summary.mjs').Summary) => { text: string, met: boolean }} [target]
 */

/**
 * A result row: one figure of two series side by side, and their ratio
 * (subject ÷ base, of the medians).
 *
 * @param {import('../lib/samples.mjs').Samples} samples
 * @param {RowSpec} spec
 * @returns {import('./context.mjs').Row}
 */
export function compareRow(samples, spec) {
  const base = samples.summary(spec.base, spec.key);
  const subject = samples.summary(spec.subject, spec.subjectKey ?? spec.key);
  const ratio = subject.median / base.median;
  return {
    group: spec.group,
    figure: spec.figure,
    unit: spec.unit,
    base,
    subject,
    ratio,
    target: spec.target ? spec.target(ratio, subject) : null,
  };
}

/**
 * A row with the compared column only, where the baseline was not run.
 *
 * @param {import('../lib/samples.mjs').Samples} samples
 * @param {Omit<RowSpec, 'base'>} spec
 * @returns {import('./context.mjs').Row}
 */
export function subjectRow(samples, spec) {
  const subject = samples.summary(spec.subject, spec.subjectKey ?? spec.key);
  return {
    group: spec.group,
    figure: spec.figure,
    unit: spec.unit,
    base: null,
    subject,
    ratio: Number.NaN,
    target: spec.target ? spec.target(Number.NaN, subject) : null,
  };
}

/**
 * A target on the ratio subject ÷ base.
 * @param {'≥' | '≤'} relation
 * @param {number} bound
 */
export function ratioTarget(relation, bound) {
  return (/** @type {number} */ ratio) => ({
    text: `ratio ${relation} ${bound}`,
    met: relation === '≥' ? ratio >= bound : ratio <= bound,
  });
}
