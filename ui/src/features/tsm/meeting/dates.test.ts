// Reading a typed date: a date input's "YYYY-MM-DD", a blank field, and a UK date typed into a
// webview that draws the date input as a plain text box.
import { describe, expect, it } from 'vitest';
import { isoDate } from './dates';

describe('reading a typed date', () => {
  it('keeps an ISO date and a blank field as they are', () => {
    expect(isoDate('2026-11-23')).toBe('2026-11-23');
    expect(isoDate('  ')).toBe('');
  });

  it('reads a UK day/month/year as an ISO date', () => {
    expect(isoDate('23/11/2026')).toBe('2026-11-23');
    expect(isoDate('4.3.2027')).toBe('2027-03-04');
  });

  it('says null for text that is not a date', () => {
    expect(isoDate('next Tuesday')).toBeNull();
    expect(isoDate('23/11')).toBeNull();
  });
});
