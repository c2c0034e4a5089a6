import { describe, expect, it } from 'vitest';
import { someOf } from './wording.js';

describe('someOf', () => {
  it('lists up to the limit, then counts the rest', () => {
    expect(someOf(['a', 'b'])).toBe('a, b');
    expect(someOf(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
    expect(someOf(['a', 'b', 'c'], 2, '; ')).toBe('a; b; and 1 more');
    expect(someOf(Array.from({ length: 5000 }, (_, i) => `r${i}`))).toBe(
      'r0, r1, r2, r3, r4, r5, r6, r7, r8, r9 and 4990 more',
    );
  });
});
