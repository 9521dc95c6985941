import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatternRegistry } from '../patternRegistry.js';
import { splitTopic } from '../topic.js';

/** The obvious matcher: one regular expression per pattern. */
function referenceRegex(pattern: string): RegExp {
  const body = splitTopic(pattern)
    .map((segment) => {
      if (segment === '**') return '(?:\\.[^.]+)*';
      if (segment === '*') return '\\.[^.]+';
      return `\\.${segment.replace(/[-]/g, '\\-')}`;
    })
    .join('');
  return new RegExp(`^${body}$`);
}

function referenceMatch(patterns: readonly string[], topic: string): string[] {
  const normalized = `.${splitTopic(topic).join('.')}`;
  return patterns.filter((pattern) => referenceRegex(pattern).test(normalized));
}

describe('PatternRegistry', () => {
  it('matches literal, single and multi wildcards', () => {
    const registry = new PatternRegistry<string>();
    for (const pattern of ['operation.*', 'data.**', 'chat.message', '**', '*.*.updated']) {
      registry.add(pattern, pattern);
    }
    expect(registry.match('operation.progress').sort()).toEqual(['**', 'operation.*']);
    expect(registry.match('operation.progress.extra').sort()).toEqual(['**']);
    expect(registry.match('data').sort()).toEqual(['**', 'data.**']);
    expect(registry.match('data:product:updated').sort()).toEqual(['**', '*.*.updated', 'data.**']);
    expect(registry.match('chat:message').sort()).toEqual(['**', 'chat.message']);
  });

  it('lets ** match zero segments in the middle', () => {
    const registry = new PatternRegistry<string>();
    registry.add('a.**.b', 'x');
    expect(registry.match('a.b')).toEqual(['x']);
    expect(registry.match('a.1.2.3.b')).toEqual(['x']);
    expect(registry.match('a.1.2.3.c')).toEqual([]);
    expect(registry.match('a.b.b')).toEqual(['x']);
  });

  it('returns each value once even when several patterns of it match', () => {
    const registry = new PatternRegistry<string>();
    registry.add('a.*', 'v');
    registry.add('a.**', 'v');
    registry.add('**.b', 'v');
    expect(registry.match('a.b')).toEqual(['v']);
    expect(registry.size).toBe(3);
  });

  it('removes pairs and prunes empty branches', () => {
    const registry = new PatternRegistry<number>();
    registry.add('a.b.c', 1);
    registry.add('a.b.c', 2);
    registry.add('a.b.c', 2);
    expect(registry.size).toBe(2);
    expect(registry.remove('a.b.c', 2)).toBe(true);
    expect(registry.remove('a.b.c', 2)).toBe(false);
    expect(registry.remove('a.b', 1)).toBe(false);
    expect(registry.match('a.b.c')).toEqual([1]);
    expect(registry.remove('a.b.c', 1)).toBe(true);
    expect(registry.size).toBe(0);
    expect(registry.match('a.b.c')).toEqual([]);
  });

  it('refuses invalid patterns on add', () => {
    const registry = new PatternRegistry<number>();
    expect(() => registry.add('a..b', 1)).toThrow(/empty segment/);
    expect(() => registry.add('a.b**', 1)).toThrow(/wildcard/);
  });

  it('agrees with a regex per pattern on random patterns and topics (property)', () => {
    const segment = fc.constantFrom('a', 'b', 'c', 'ab', 'x-1');
    const patternSegment = fc.oneof(
      { weight: 3, arbitrary: segment },
      { weight: 1, arbitrary: fc.constant('*') },
      { weight: 1, arbitrary: fc.constant('**') },
    );
    const separator = fc.constantFrom('.', ':');
    const joined = (parts: fc.Arbitrary<string>) =>
      fc
        .tuple(fc.array(parts, { minLength: 1, maxLength: 6 }), separator)
        .map(([segments, sep]) => segments.join(sep));
    fc.assert(
      fc.property(
        fc.uniqueArray(joined(patternSegment), { minLength: 1, maxLength: 30 }),
        fc.array(joined(segment), { minLength: 1, maxLength: 20 }),
        (patterns, topics) => {
          const registry = new PatternRegistry<string>();
          for (const pattern of patterns) registry.add(pattern, pattern);
          for (const topic of topics) {
            expect(registry.match(topic).sort()).toEqual(referenceMatch(patterns, topic).sort());
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('stays correct after random removals (property)', () => {
    const pattern = fc
      .array(fc.constantFrom('a', 'b', '*', '**'), { minLength: 1, maxLength: 4 })
      .map((segments) => segments.join('.'));
    fc.assert(
      fc.property(
        fc.uniqueArray(pattern, { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 5 }),
        (patterns, removals, topicSegments) => {
          const registry = new PatternRegistry<string>();
          for (const p of patterns) registry.add(p, p);
          const kept = new Set(patterns);
          for (const index of removals) {
            const victim = patterns[index % patterns.length] as string;
            expect(registry.remove(victim, victim)).toBe(kept.delete(victim));
          }
          expect(registry.size).toBe(kept.size);
          const topic = topicSegments.join('.');
          expect(registry.match(topic).sort()).toEqual(referenceMatch([...kept], topic).sort());
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('only visits branches that can match, whatever the number of patterns', () => {
    const registry = new PatternRegistry<number>();
    for (let i = 0; i < 10_000; i += 1) registry.add(`tenant${i}.data.updated`, i);
    registry.add('tenant42.*.updated', -1);
    expect(registry.match('tenant42.data.updated').sort((a, b) => a - b)).toEqual([-1, 42]);
    expect(registry.match('nobody.data.updated')).toEqual([]);
  });
});
