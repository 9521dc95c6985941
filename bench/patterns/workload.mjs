import { seededRandom } from './random.mjs';

const DOMAINS = ['data', 'chat', 'operation', 'billing', 'user', 'audit', 'report', 'sync'];
const ENTITIES = Array.from({ length: 40 }, (_, k) => `entity${k}`);
const IDS = Array.from({ length: 500 }, (_, k) => `id${k}`);
const ACTIONS = ['created', 'updated', 'deleted', 'moved', 'archived', 'restored'];

/** Shapes of registered patterns, with their share of the 10,000. */
const SHAPES = [
  {
    share: 0.45,
    make: (/** @type {Rng} */ r) => [
      r.pick(DOMAINS),
      r.pick(ENTITIES),
      r.pick(IDS),
      r.pick(ACTIONS),
    ],
  },
  {
    share: 0.2,
    make: (/** @type {Rng} */ r) => [r.pick(DOMAINS), r.pick(ENTITIES), '*', r.pick(ACTIONS)],
  },
  { share: 0.1, make: (/** @type {Rng} */ r) => [r.pick(DOMAINS), '*', r.pick(IDS), '*'] },
  { share: 0.15, make: (/** @type {Rng} */ r) => [r.pick(DOMAINS), r.pick(ENTITIES), '**'] },
  { share: 0.08, make: (/** @type {Rng} */ r) => [r.pick(DOMAINS), '**', r.pick(ACTIONS)] },
  { share: 0.02, make: (/** @type {Rng} */ r) => ['**', r.pick(IDS), r.pick(ACTIONS)] },
];

/** @typedef {ReturnType<typeof seededRandom>} Rng */

/**
 * `patternCount` patterns of mixed shapes (literal, `*`, trailing, inner and
 * leading `**`) and `topicCount` topics: most built to hit some pattern, the
 * rest random and mostly missing.
 * @param {number} patternCount
 * @param {number} topicCount
 */
export function patternWorkload(patternCount, topicCount) {
  const random = seededRandom(20_240_601);
  /** @type {string[]} */
  const patterns = [];
  for (const shape of SHAPES) {
    const count = Math.round(shape.share * patternCount);
    for (let k = 0; k < count && patterns.length < patternCount; k += 1) {
      patterns.push(shape.make(random).join('.'));
    }
  }
  while (patterns.length < patternCount)
    patterns.push(/** @type {any} */ (SHAPES[0]).make(random).join('.'));

  /** @type {string[]} */
  const topics = [];
  for (let k = 0; k < topicCount; k += 1) {
    if (random.next() < 0.7) topics.push(topicFor(random.pick(patterns), random));
    else
      topics.push(
        [random.pick(DOMAINS), random.pick(ENTITIES), random.pick(IDS), random.pick(ACTIONS)].join(
          '.',
        ),
      );
  }
  return { patterns, topics };
}

/**
 * A topic the pattern matches, wildcards filled in.
 * @param {string} pattern
 * @param {Rng} random
 */
function topicFor(pattern, random) {
  return pattern
    .split('.')
    .flatMap((segment) => {
      if (segment === '*') return [random.pick(IDS)];
      if (segment === '**') return Array.from({ length: random.below(3) }, () => random.pick(IDS));
      return [segment];
    })
    .join('.');
}
