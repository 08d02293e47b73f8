// "School meetings": term coverage from tsm_coverage (counts, status tags, Open/Plan, moving between
// terms), every meeting from tsm_list latest first, "Plan a meeting", and the notice banner.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { coverageRow, tsmCoverage, tsmSummary } from '../../test/schoolFixtures';
import Meetings from './Meetings.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const HELD = tsmSummary({
  id: 'tsm-held',
  status: 'finished',
  meeting_date: '2026-10-05',
  pupils: 4,
  actions: 3,
  open_actions: 1,
});
const PLANNED = tsmSummary({
  id: 'tsm-planned',
  school_urn: '100002',
  school_name: 'Demo Hill Secondary',
  meeting_date: '2026-11-23',
});
const ROWS = [
  coverageRow({ meeting: HELD }),
  coverageRow({
    school_urn: '100002',
    school_name: 'Demo Hill Secondary',
    school_phase: 'secondary',
    meeting: PLANNED,
  }),
  coverageRow({ school_urn: '100003', school_name: 'Demo Vale Special', school_phase: 'special' }),
];
const LIST = [
  tsmSummary({
    id: 'tsm-old',
    term: '2026-summer',
    term_label: 'Summer term 2026',
    meeting_date: '2026-06-10',
    status: 'finished',
    pupils: 2,
  }),
  HELD,
  PLANNED,
];

function serveMeetings(overrides: Parameters<typeof serve>[0] = {}) {
  serve({
    tsm_coverage: (request) =>
      request.term === '2026-summer'
        ? tsmCoverage(
            [
              coverageRow({ meeting: LIST[0]! }),
              coverageRow({ school_urn: '100002', school_name: 'Demo Hill Secondary' }),
            ],
            {
              term: '2026-summer',
              term_label: 'Summer term 2026',
            },
          )
        : tsmCoverage(ROWS),
    tsm_list: () => LIST,
    ...overrides,
  });
}

describe('Meetings', () => {
  beforeEach(() => {
    router.go({ name: 'meetings' });
  });

  it('counts the link schools that have had their meeting this term, asking for the current term', async () => {
    serveMeetings();
    render(Meetings);
    expect(await screen.findByText('1 of 3 link schools have had their meeting this term')).toHaveAttribute(
      'id',
      'coverage-summary',
    );
    expect(screen.getByText('Held: 1. Planned: 1. Not planned: 1.')).toBeInTheDocument();
    expect(requestsFor('tsm_coverage')).toEqual([{}]);
    expect(screen.getByRole('region', { name: 'Term coverage: Autumn term 2026' })).toBeInTheDocument();
  });

  it('shows each school’s meeting as Held, Planned for a date or Not planned, with Open or Plan', async () => {
    serveMeetings();
    render(Meetings);
    await screen.findByText(/have had their meeting/);
    const held = document.getElementById('coverage-100001')!;
    expect(held.closest('table')).toHaveAttribute('id', 'coverage');
    expect(held).toHaveTextContent('Demo Brook Primary');
    expect(within(held).getByText('Held')).toHaveClass('govuk-tag', 'govuk-tag--green');
    expect(held).toHaveTextContent('on 5 October 2026');
    const planned = document.getElementById('coverage-100002')!;
    expect(planned).toHaveTextContent('Secondary');
    expect(within(planned).getByText('Planned for 23 November 2026')).toHaveClass('govuk-tag');
    const none = document.getElementById('coverage-100003')!;
    expect(none).toHaveTextContent('Special');
    expect(within(none).getByText('Not planned')).toHaveClass('govuk-tag--grey');

    await userEvent.click(within(planned).getByRole('link', { name: 'Open the meeting with Demo Hill Secondary' }));
    expect(router.route).toEqual({ name: 'meeting', id: 'tsm-planned' });
    const plan = within(none).getByRole('link', { name: 'Plan a meeting with Demo Vale Special' });
    expect(plan).toHaveAttribute('id', 'coverage-plan-100003');
    await userEvent.click(plan);
    expect(router.route).toEqual({ name: 'meeting-plan', urn: '100003' });
  });

  it('moves to the previous and next terms, and back to this term', async () => {
    serveMeetings();
    render(Meetings);
    await screen.findByText(/have had their meeting this term/);
    const previous = screen.getByRole('link', { name: 'Previous term : Summer term 2026' });
    expect(previous).toHaveAttribute('id', 'coverage-previous');
    expect(screen.getByRole('link', { name: 'Next term : Spring term 2027' })).toHaveAttribute('id', 'coverage-next');

    await userEvent.click(previous);
    expect(
      await screen.findByText('1 of 2 link schools have had their meeting in the Summer term 2026'),
    ).toBeInTheDocument();
    expect(requestsFor('tsm_coverage')).toEqual([{}, { term: '2026-summer' }]);
    expect(screen.getByRole('link', { name: 'Previous term : Spring term 2026' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: 'Next term : Autumn term 2026' }));
    expect(await screen.findByText(/have had their meeting this term/)).toBeInTheDocument();
    expect(requestsFor('tsm_coverage').at(-1)).toEqual({ term: '2026-autumn' });
    expect(document.getElementById('coverage-current')).toBeNull();
  });

  it('offers a way back to this term from another term', async () => {
    serveMeetings();
    render(Meetings);
    await screen.findByText(/this term/, { selector: '#coverage-summary' });
    await userEvent.click(document.getElementById('coverage-previous')!);
    await screen.findByText(/Summer term 2026$/, { selector: '#coverage-summary' });
    await userEvent.click(screen.getByRole('link', { name: 'Back to this term (Autumn term 2026)' }));
    expect(await screen.findByText(/this term$/, { selector: '#coverage-summary' })).toBeInTheDocument();
    expect(requestsFor('tsm_coverage').at(-1)).toEqual({ term: '2026-autumn' });
  });

  it('lists every meeting latest first with date, school, term, status, pupils and actions', async () => {
    serveMeetings();
    render(Meetings);
    const table = await screen.findByRole('table', { name: 'All meetings, latest first' });
    expect(table).toHaveAttribute('id', 'meetings');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.id)).toEqual(['meeting-tsm-planned', 'meeting-tsm-held', 'meeting-tsm-old']);
    expect(rows[0]).toHaveTextContent('23 November 2026');
    expect(rows[0]).toHaveTextContent('Demo Hill Secondary');
    expect(rows[0]).toHaveTextContent('Autumn term 2026');
    expect(within(rows[0]!).getByText('Planned')).toHaveClass('govuk-tag--blue');
    expect(rows[0]).toHaveTextContent('None');
    expect(within(rows[1]!).getByText('Held')).toHaveClass('govuk-tag--green');
    expect(rows[1]).toHaveTextContent('3, 1 open');
    expect(rows[2]).toHaveTextContent('Summer term 2026');

    const link = within(rows[2]!).getByRole('link', { name: /^10 June 2026/ });
    expect(link).toHaveTextContent('10 June 2026, Demo Brook Primary');
    expect(link).toHaveAttribute('id', 'meeting-link-tsm-old');
    await userEvent.click(link);
    expect(router.route).toEqual({ name: 'meeting', id: 'tsm-old' });
  });

  it('plans a meeting from the Plan a meeting button', async () => {
    serveMeetings();
    render(Meetings);
    const plan = screen.getByRole('button', { name: 'Plan a meeting' });
    expect(plan).toHaveAttribute('id', 'plan-meeting');
    await userEvent.click(plan);
    expect(router.route).toEqual({ name: 'meeting-plan' });
  });

  it('says when there are no link schools and no meetings yet', async () => {
    serveMeetings({ tsm_coverage: () => tsmCoverage([]), tsm_list: () => [] });
    render(Meetings);
    expect(await screen.findByText('0 of 0 link schools have had their meeting this term')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add a link school' })).toHaveAttribute('id', 'coverage-add-school');
    expect(await screen.findByText(/No meetings have been planned yet/)).toHaveAttribute('id', 'no-meetings');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'Add a link school' }));
    expect(router.route).toEqual({ name: 'school-edit' });
  });

  it('shows a notice passed by the previous screen as a success banner', async () => {
    serveMeetings();
    render(Meetings, { notice: 'Meeting finished' });
    expect(screen.getByRole('alert')).toHaveTextContent('Meeting finished');
    expect(document.getElementById('notice')).toHaveClass('govuk-notification-banner--success');
  });

  it('shows failures to load in an error summary', async () => {
    serveMeetings({
      tsm_coverage: () => fail({ kind: 'storage', message: 'Coverage could not be read' }),
      tsm_list: () => fail({ kind: 'storage', message: 'Meetings could not be read' }),
    });
    render(Meetings);
    expect(await screen.findByText('Coverage could not be read')).toBeInTheDocument();
    expect(await screen.findByText('Meetings could not be read')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
