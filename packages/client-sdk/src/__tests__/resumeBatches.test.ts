import { describe, expect, it } from 'vitest';
import { resumeBatches } from '../resumeBatches.js';

const size = (item: string) => item.length;

describe('resumeBatches', () => {
  it('keeps every batch under the byte budget and the count limit, in order', () => {
    const items = Array.from({ length: 10 }, (_, i) => `item-${i}`);
    const batches = resumeBatches(items, size, 20, 3);
    expect(batches.flat()).toEqual(items);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(3);
      expect(batch.reduce((sum, item) => sum + item.length + 1, 0)).toBeLessThanOrEqual(20);
    }
  });

  it('gives an oversized item a batch of its own, and nothing for nothing', () => {
    expect(resumeBatches(['a', 'x'.repeat(50), 'b'], size, 10)).toEqual([
      ['a'],
      ['x'.repeat(50)],
      ['b'],
    ]);
    expect(resumeBatches([], size)).toEqual([]);
  });
});
