import { describe, expect, it } from 'vitest';
import { wholeTicks } from './whole-ticks';

describe('wholeTicks', () => {
  it('gives every whole number up to a small count, never a fraction or a repeat', () => {
    expect(wholeTicks(1)).toEqual([0, 1]);
    expect(wholeTicks(2, 4)).toEqual([0, 1, 2]);
    expect(wholeTicks(0)).toEqual([0, 1]);
  });

  it('steps by a whole number when counts are large', () => {
    expect(wholeTicks(30)).toEqual([0, 6, 12, 18, 24, 30]);
    expect(wholeTicks(9, 4)).toEqual([0, 3, 6, 9]);
  });
});
