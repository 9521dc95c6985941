// Topics per second matched by PatternRegistry and by a naive regex loop, in one process.
import { PatternRegistry } from '@opwire/protocol';
import { now } from '../lib/clock.mjs';
import { NaiveMatcher } from '../patterns/naiveMatcher.mjs';
import { patternWorkload } from '../patterns/workload.mjs';
import { childConfig, exitWithParent, serve } from './serve.mjs';

exitWithParent();
const { patterns, topics, minMs, naiveFirst } = childConfig();
const workload = patternWorkload(patterns, topics);
const registry = new PatternRegistry();
const naive = new NaiveMatcher();
workload.patterns.forEach((pattern, k) => {
  registry.add(pattern, k);
  naive.add(pattern, k);
});

/**
 * Matches the topics in turn, for at least `minMs` (checking the clock every
 * 64 topics, and stopping after a million); topics per second.
 * @param {PatternRegistry<number> | NaiveMatcher<number>} matcher
 */
function rate(matcher) {
  const { topics: list } = workload;
  let matched = 0;
  let sink = 0;
  const startedAt = now();
  while (matched < 1_000_000) {
    for (let k = 0; k < 64; k += 1) {
      sink += matcher.match(/** @type {string} */ (list[(matched + k) % list.length])).length;
    }
    matched += 64;
    if (now() - startedAt >= minMs) break;
  }
  return { perSecond: matched / ((now() - startedAt) / 1e3), sink };
}

/** Topics on which both matchers must return the same values; checking them also warms both up. */
const CHECKED_TOPICS = 500;
const agree = workload.topics.slice(0, CHECKED_TOPICS).every((topic) => {
  const a = registry.match(topic).sort((x, y) => x - y);
  const b = naive.match(topic).sort((x, y) => x - y);
  return a.length === b.length && a.every((value, k) => value === b[k]);
});
const hits = workload.topics.reduce((sum, topic) => sum + registry.match(topic).length, 0);

serve(
  {
    measure() {
      const order = naiveFirst ? [naive, registry] : [registry, naive];
      const results = order.map((matcher) => rate(matcher).perSecond);
      const [registryRate, naiveRate] = naiveFirst ? [results[1], results[0]] : results;
      return {
        registryRate,
        naiveRate,
        agree,
        checked: Math.min(CHECKED_TOPICS, workload.topics.length),
        meanMatches: hits / workload.topics.length,
      };
    },
  },
  { pid: process.pid },
);
