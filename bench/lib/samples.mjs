import { summarize } from './summary.mjs';

/**
 * Collects repeated measurements: one list of numbers per (series, figure),
 * e.g. ('opwire emit', 'throughput').
 */
export class Samples {
  /** @type {Map<string, Map<string, number[]>>} */
  #series = new Map();

  /**
   * @param {string} series
   * @param {Record<string, number>} figures
   */
  add(series, figures) {
    let figuresOf = this.#series.get(series);
    if (!figuresOf) {
      figuresOf = new Map();
      this.#series.set(series, figuresOf);
    }
    for (const [figure, value] of Object.entries(figures)) {
      const list = figuresOf.get(figure) ?? [];
      list.push(value);
      figuresOf.set(figure, list);
    }
  }

  /**
   * @param {string} series
   * @param {string} figure
   */
  summary(series, figure) {
    const values = this.#series.get(series)?.get(figure);
    if (!values) throw new Error(`no samples for ${series} / ${figure}`);
    return summarize(values);
  }
}
