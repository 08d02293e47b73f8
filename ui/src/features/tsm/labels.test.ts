// The shared TSM labels: agencies and outcomes as a worker reads them, and term keys in order.
import { describe, expect, it } from 'vitest';
import { BARRIERS, barrierLabel } from '../plan/plan';
import * as labels from './labels';

describe('TSM labels', () => {
  it('names every owner agency, in the order a select offers them', () => {
    expect(labels.AGENCIES).toEqual([
      ['school', 'School'],
      ['local_authority', 'Local authority attendance team'],
      ['early_help', 'Early help'],
      ['health', 'Health'],
      ['send', 'SEND'],
      ['social_care', 'Social care'],
      ['housing', 'Housing'],
      ['police', 'Police'],
      ['other', 'Other'],
    ]);
    expect(labels.agencyLabel('early_help')).toBe('Early help');
  });

  it('names review outcomes, and re-exports the plan’s barrier labels rather than copying them', () => {
    expect(labels.outcomeLabel('done')).toBe('Done');
    expect(labels.outcomeLabel('not_done')).toBe('Not done');
    expect(labels.outcomeLabel('carried')).toBe('Carried forward');
    expect(labels.BARRIERS).toBe(BARRIERS);
    expect(labels.barrierLabel).toBe(barrierLabel);
  });

  it('steps through terms spring, summer, autumn and into the next year', () => {
    expect(labels.nextTerm('2026-summer')).toBe('2026-autumn');
    expect(labels.nextTerm('2026-autumn')).toBe('2027-spring');
    expect(labels.previousTerm('2027-spring')).toBe('2026-autumn');
    expect(labels.previousTerm('2026-summer')).toBe('2026-spring');
    expect(labels.shiftTerm('nonsense', 1)).toBe('nonsense');
  });

  it('labels and orders term keys as the server does', () => {
    expect(labels.termLabel('2026-autumn')).toBe('Autumn term 2026');
    expect(['2027-spring', '2026-autumn', '2026-spring', '2026-summer'].sort(labels.compareTerms)).toEqual([
      '2026-spring',
      '2026-summer',
      '2026-autumn',
      '2027-spring',
    ]);
  });

  it('orders meetings latest first, keeping the server order for ties', () => {
    const m = (id: string, meeting_date: string, term = '2026-autumn') => ({ id, meeting_date, term });
    expect(
      labels
        .latestFirst([
          m('a', '2026-06-10', '2026-summer'),
          m('b', '2026-11-23'),
          m('c', '2026-11-23'),
          m('d', '2026-10-01'),
        ])
        .map((x) => x.id),
    ).toEqual(['b', 'c', 'd', 'a']);
  });
});
