// Display helpers: composing the date of birth, London time, names and year groups.
import { describe, expect, it, vi } from 'vitest';
import {
  groupsLabel,
  dueLabel,
  clockTime,
  composeDate,
  composeDateTime,
  contactKindLabel,
  localDateTime,
  nowInLondonTime,
  splitDateTime,
  displayName,
  eventLabel,
  londonDateTime,
  longDate,
  percent,
  phaseLabel,
  schoolYearStart,
  splitDate,
  stepLabel,
  todayInLondon,
  yearGroupLabel,
} from './format';

describe('composeDate', () => {
  it('joins day, month and year as YYYY-MM-DD, padding single digits', () => {
    expect(composeDate('7', '3', '2015')).toBe('2015-03-07');
    expect(composeDate(' 27 ', '12', '2012')).toBe('2012-12-27');
  });

  it('gives an empty string when every part is blank, so the server reports a missing date', () => {
    expect(composeDate('', ' ', '')).toBe('');
  });

  it('passes odd input through unchanged for the server to judge', () => {
    expect(composeDate('x', '13', '15')).toBe('15-13-x');
  });

  it('round-trips with splitDate', () => {
    const { day, month, year } = splitDate('2015-03-07');
    expect([day, month, year]).toEqual(['7', '3', '2015']);
    expect(composeDate(day, month, year)).toBe('2015-03-07');
  });
});

describe('display', () => {
  it('shows instants in London time, including British Summer Time', () => {
    expect(londonDateTime('2025-07-01T13:30:00Z')).toBe('1 July 2025, 2:30pm');
    expect(londonDateTime('2025-01-10T09:00:00Z')).toBe('10 January 2025, 9am');
    expect(londonDateTime('2025-03-30T23:30:00Z')).toBe('31 March 2025, 12:30am');
  });

  it('reads a timestamp without a zone as UTC, as the store writes instants in UTC', () => {
    expect(londonDateTime('2025-07-01 13:30:00')).toBe('1 July 2025, 2:30pm');
    expect(londonDateTime('2025-07-01T13:30:00.123456789+00:00')).toBe('1 July 2025, 2:30pm');
  });

  it('shows dates in UK order with the month in words under a US default locale', async () => {
    const RealFormat = Intl.DateTimeFormat;
    // What a computer set to American English gives when no locale is named.
    const UsFormat = function (locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      return new RealFormat(locales ?? 'en-US', options);
    } as unknown as typeof Intl.DateTimeFormat;
    Intl.DateTimeFormat = UsFormat;
    try {
      expect(new Intl.DateTimeFormat(undefined, { timeZone: 'UTC' }).format(new Date('2026-12-06T12:00:00Z'))).toBe(
        '12/6/2026',
      );
      vi.resetModules();
      const fresh = await import('./format');
      expect(fresh.longDate('2026-12-06')).toBe('6 December 2026');
      expect(fresh.londonDateTime('2026-12-06T14:30:00Z')).toBe('6 December 2026, 2:30pm');
      expect(fresh.localDateTime('2026-12-06T14:30')).toBe('6 December 2026, 2:30pm');
      expect(fresh.todayInLondon(new Date('2026-12-06T12:00:00Z'))).toBe('2026-12-06');
      expect(fresh.nowInLondonTime(new Date('2026-12-06T14:32:00Z'))).toBe('14:30');
    } finally {
      Intl.DateTimeFormat = RealFormat;
    }
  });

  it('shows text it cannot read as a time unchanged rather than "Invalid Date"', () => {
    expect(londonDateTime('not a time')).toBe('not a time');
  });

  it('shows a date of birth in words without shifting the day', () => {
    expect(longDate('2015-03-07')).toBe('7 March 2015');
  });

  it('prefers the preferred name and falls back to the legal name', () => {
    expect(displayName({ legal_name: 'Alexandra Testpupil', preferred_name: 'Alex' })).toBe('Alex');
    expect(displayName({ legal_name: 'Alexandra Testpupil', preferred_name: null })).toBe('Alexandra Testpupil');
  });

  it('calls year group 0 Reception', () => {
    expect(yearGroupLabel(0)).toBe('Reception');
    expect(yearGroupLabel(11)).toBe('Year 11');
  });
});

describe('lifecycle and report display', () => {
  it('gives today as the London date, which is already tomorrow just after midnight in summer', () => {
    expect(todayInLondon(new Date('2025-03-05T10:00:00Z'))).toBe('2025-03-05');
    expect(todayInLondon(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
    expect(todayInLondon(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31');
  });

  it('starts the school year on 1 September', () => {
    expect(schoolYearStart('2025-03-05')).toBe('2024-09-01');
    expect(schoolYearStart('2025-08-31')).toBe('2024-09-01');
    expect(schoolYearStart('2025-09-01')).toBe('2025-09-01');
  });

  it('shows attendance to one decimal place and says when there is no reading', () => {
    expect(percent(85)).toBe('85.0%');
    expect(percent(42.5)).toBe('42.5%');
    expect(percent(null)).toBe('No reading');
  });

  it('names phases, steps and history entries in words', () => {
    expect(phaseLabel('alternative_provision')).toBe('Alternative provision');
    expect(phaseLabel(null)).toBe('Not recorded');
    expect(stepLabel('start_cycle')).toBe('Start review cycle');
    expect(stepLabel('family_declined')).toBe('Family declined support');
    expect(eventLabel(null)).toBe('Referred');
    expect(eventLabel('midpoint_check')).toBe('Midpoint check done');
  });
});

describe('chronology display', () => {
  it('writes a local date and time in words, the GOV.UK way', () => {
    expect(localDateTime('2026-11-20T14:30')).toBe('20 November 2026, 2:30pm');
    expect(localDateTime('2026-11-20T09:00')).toBe('20 November 2026, 9am');
    expect(clockTime('12:00')).toBe('midday');
    expect(clockTime('00:00')).toBe('midnight');
    expect(clockTime('00:15')).toBe('12:15am');
    expect(clockTime('12:45')).toBe('12:45pm');
  });

  it('names contact kinds in words', () => {
    expect(contactKindLabel('tsm_discussion')).toBe('Targeting Support Meeting discussion');
    expect(contactKindLabel('home_visit')).toBe('Home visit');
  });

  it('composes the date and a typed time as YYYY-MM-DDTHH:MM, padding the hour', () => {
    expect(composeDateTime('20', '11', '2026', '14:30')).toBe('2026-11-20T14:30');
    expect(composeDateTime('5', '3', '2025', '9.05')).toBe('2025-03-05T09:05');
    expect(composeDateTime('', '', '', ' ')).toBe('');
    expect(composeDateTime('5', '3', '2025', 'noon')).toBe('2025-03-05Tnoon');
    expect(splitDateTime('2025-03-05T09:05')).toEqual({ day: '5', month: '3', year: '2025', time: '09:05' });
  });

  it('gives the London time now rounded down to five minutes, in summer time too', () => {
    expect(nowInLondonTime(new Date('2025-03-05T10:07:59Z'))).toBe('10:05');
    expect(nowInLondonTime(new Date('2025-07-01T23:04:00Z'))).toBe('00:00');
    expect(nowInLondonTime(new Date('2025-07-01T13:30:00Z'))).toBe('14:30');
  });
});

describe('dueLabel', () => {
  it('names an action by what is to be done, and cycle items by their kind', () => {
    expect(dueLabel('action', 'Arrange a bus pass')).toBe('Action: Arrange a bus pass');
    expect(dueLabel('action', null)).toBe('Action');
    expect(dueLabel('midpoint_check')).toBe('Midpoint check');
    expect(dueLabel('plan_review')).toBe('Plan review');
  });
});

describe('groupsLabel', () => {
  it('writes a shared first word once and otherwise joins the names', () => {
    expect(groupsLabel([])).toBe('');
    expect(groupsLabel(['Wave 1'])).toBe('Wave 1');
    expect(groupsLabel(['Wave 2', 'Wave 3'])).toBe('Wave 2, 3');
    expect(groupsLabel(['Tier A', 'Universal'])).toBe('Tier A, Universal');
  });
});
