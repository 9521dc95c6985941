import { describe, expect, it } from 'vitest';
import { OpwireError } from '../opwireError.js';
import {
  assertPattern,
  isValidPattern,
  isValidTopic,
  MAX_TOPIC_LENGTH,
  patternProblem,
  splitTopic,
  topicProblem,
} from '../topic.js';

describe('topics and patterns', () => {
  it('splits on both separators', () => {
    expect(splitTopic('data:product.updated')).toEqual(['data', 'product', 'updated']);
  });

  it('accepts ordinary topics', () => {
    for (const topic of ['chat.message', 'data:product:updated', 'operation.progress', 'a_b-c.1']) {
      expect(topicProblem(topic)).toBeNull();
    }
  });

  it('refuses wildcards in topics but accepts them as whole pattern segments', () => {
    expect(isValidTopic('operation.*')).toBe(false);
    expect(isValidPattern('operation.*')).toBe(true);
    expect(isValidPattern('data.**')).toBe(true);
    expect(isValidPattern('**')).toBe(true);
    expect(isValidPattern('*.b.**.c')).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['a..b', 'empty segment'],
    ['.a', 'empty segment'],
    ['a:', 'empty segment'],
    ['a.b*', 'mixes a wildcard'],
    ['a.***', 'mixes a wildcard'],
    ['a.**x', 'mixes a wildcard'],
    ['a b', 'may only contain'],
    ['a.é', 'may only contain'],
    ['x'.repeat(MAX_TOPIC_LENGTH + 1), 'longer than'],
    [Array.from({ length: 33 }, () => 'a').join('.'), 'more than 32 segments'],
  ])('refuses the pattern %j with a clear reason', (pattern, reason) => {
    expect(patternProblem(pattern)).toContain(reason);
  });

  it('refuses non-strings', () => {
    expect(topicProblem(42)).toBe('expected a string');
    expect(patternProblem({})).toBe('expected a string');
  });

  it('throws an OpwireError with code invalid_request', () => {
    try {
      assertPattern('a.b*');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OpwireError);
      expect((error as OpwireError).code).toBe('invalid_request');
      expect((error as OpwireError).message).toMatch(/Invalid pattern: .*whole segment/);
    }
  });
});
