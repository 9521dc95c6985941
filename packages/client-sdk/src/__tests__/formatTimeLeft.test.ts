import { describe, expect, it } from 'vitest';
import { formatTimeLeft } from '../observers/formatTimeLeft.js';

describe('formatTimeLeft', () => {
  it('says seconds, minutes or hours, rounded', () => {
    expect(formatTimeLeft(0)).toBe('less than a second left');
    expect(formatTimeLeft(999)).toBe('less than a second left');
    expect(formatTimeLeft(12_400)).toBe('about 12 s left');
    expect(formatTimeLeft(59_400)).toBe('about 59 s left');
    expect(formatTimeLeft(59_600)).toBe('about 1 min left');
    expect(formatTimeLeft(185_000)).toBe('about 3 min left');
    expect(formatTimeLeft(3_600_000)).toBe('about 1 h left');
    expect(formatTimeLeft(3_900_000)).toBe('about 1 h 5 min left');
  });
});
