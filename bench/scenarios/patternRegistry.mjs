import { withChildren } from '../lib/children.mjs';
import { Samples } from '../lib/samples.mjs';
import { compareRow, ratioTarget } from './rows.mjs';

/** Scenario 4: PatternRegistry against one regex per pattern. */
/** @type {import('./context.mjs').Scenario} */
export const patternRegistry = {
  id: 'patterns',
  title: '4. Pattern registry',
  method:
    'A pure CPU measurement in one process: the same patterns registered in `PatternRegistry` (a trie) and in a naive matcher that keeps one RegExp per pattern and tests them all. Both match the same topic list in turn; the figure is topics matched per second.',

  /** @param {import('./context.mjs').BenchContext} ctx */
  async run(ctx) {
    const { patterns, topics, minMs } = ctx.sizes.patterns;
    const samples = new Samples();
    let agree = true;
    let meanMatches = 0;
    let checked = 0;
    for (let run = 0; run < ctx.runs; run += 1) {
      ctx.log(`patterns · run ${run + 1}/${ctx.runs}`);
      const measured = await withChildren(async (spawn) => {
        const child = await spawn('patterns.mjs', {
          name: 'pattern matcher',
          config: { patterns, topics, minMs, naiveFirst: run % 2 === 1 },
          lifetimeMs: 10 * 60_000,
        });
        return child.request('measure', undefined, 10 * 60_000);
      });
      agree &&= measured.agree;
      meanMatches = measured.meanMatches;
      checked = measured.checked;
      samples.add('naive', { rate: measured.naiveRate });
      samples.add('registry', { rate: measured.registryRate });
    }
    if (!agree) throw new Error('PatternRegistry and the naive loop disagree on some topic');
    return {
      sizes: `${patterns.toLocaleString('en')} patterns (45% literal, 30% with \`*\`, 15% trailing \`**\`, 8% inner \`**\`, 2% leading \`**\`); ${topics.toLocaleString('en')} topics (70% built to match a pattern), ${meanMatches.toFixed(2)} matches per topic on average; each side timed for at least ${minMs.toLocaleString('en')} ms in one process; both return the same matches for each of the first ${checked.toLocaleString('en')} topics`,
      tables: [
        {
          base: 'naive loop (one RegExp per pattern)',
          subject: 'PatternRegistry',
          rows: [
            compareRow(samples, {
              group: `${patterns.toLocaleString('en')} patterns`,
              figure: 'topics matched per second',
              unit: 'rate',
              base: 'naive',
              subject: 'registry',
              key: 'rate',
              target: ratioTarget('≥', 20),
            }),
          ],
        },
      ],
      notes: [],
    };
  },
};
