/**
 * What a registry without a trie does: one regular expression per pattern,
 * every one tested against every topic.
 * @template T
 */
export class NaiveMatcher {
  /** @type {Array<{ regex: RegExp, value: T }>} */
  #entries = [];

  /**
   * @param {string} pattern
   * @param {T} value
   */
  add(pattern, value) {
    this.#entries.push({ regex: patternRegex(pattern), value });
  }

  /**
   * @param {string} topic
   * @returns {T[]}
   */
  match(topic) {
    const probe = `.${topic}`;
    /** @type {T[]} */
    const found = [];
    for (const { regex, value } of this.#entries) if (regex.test(probe)) found.push(value);
    return found;
  }
}

/**
 * `a.*.b` → /^[.:]a[.:][^.:]+[.:]b$/, `**` matching zero or more segments.
 * Matched against the topic with a separator in front.
 * @param {string} pattern
 */
export function patternRegex(pattern) {
  const parts = pattern.split(/[.:]/).map((segment) => {
    if (segment === '**') return '(?:[.:][^.:]+)*';
    if (segment === '*') return '[.:][^.:]+';
    return `[.:]${segment.replace(/[-]/g, '\\-')}`;
  });
  return new RegExp(`^${parts.join('')}$`);
}
