// Reading the meeting's date boxes: a whole date, blank boxes, and boxes that do not make a date.
import { describe, expect, it } from 'vitest';
import { composeDate } from '../../../lib/format';
import { isoDate } from './dates';

describe('reading the date boxes', () => {
  it('keeps a whole date and blank boxes as they are', () => {
    expect(isoDate(composeDate('23', '11', '2026'))).toBe('2026-11-23');
    expect(isoDate(composeDate('4', '3', '2027'))).toBe('2027-03-04');
    expect(isoDate(composeDate(' ', '', ''))).toBe('');
  });

  it('says null for boxes that do not make a date', () => {
    expect(isoDate(composeDate('23', '11', ''))).toBeNull();
    expect(isoDate(composeDate('23', '11', '26'))).toBeNull();
    expect(isoDate(composeDate('next', 'Tuesday', '2026'))).toBeNull();
  });
});
