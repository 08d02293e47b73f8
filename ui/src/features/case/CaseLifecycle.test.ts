// The case view's lifecycle: progress, the steps the server allows (case_transition), the history
// newest first, and attendance readings (attendance_record), each re-rendered from the CaseDetail
// the command returned.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../api';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { caseDetail, settings, twoReadings } from '../../test/fixtures';
import CaseView from './CaseView.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function input(id: string): HTMLInputElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as HTMLInputElement;
}

async function fillIn(values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) {
    await userEvent.clear(input(id));
    if (value) await userEvent.type(input(id), value);
  }
}

const ACTIVE: Partial<CaseDetail> = {
  status: 'active',
  team: 'afsw',
  worker: 'A. Testworker',
  cycle_start: '2025-02-03',
  next_due: { kind: 'midpoint_check', due_on: '2025-02-24', overdue: true },
  allowed_transitions: ['midpoint_check', 'review', 'close'],
  history: [
    { kind: null, on_date: '2025-01-10', to_status: 'referred', team: null, worker: null, note: null },
    { kind: 'accept', on_date: '2025-01-13', to_status: 'accepted', team: null, worker: null, note: null },
    {
      kind: 'allocate',
      on_date: '2025-01-20',
      to_status: 'allocated',
      team: 'afsw',
      worker: 'A. Testworker',
      note: null,
    },
    {
      kind: 'start_cycle',
      on_date: '2025-02-03',
      to_status: 'active',
      team: null,
      worker: null,
      note: 'First home visit booked',
    },
  ],
  attendance: twoReadings,
};

async function showCase(
  detail: CaseDetail,
  handlers: Parameters<typeof serve>[0] = {},
  tab?: 'history' | 'attendance',
) {
  if (tab) router.go({ name: 'case-view', id: detail.id, tab });
  serve({ case_get: () => detail, settings_get: () => settings(), chronology_list: () => [], ...handlers });
  render(CaseView, { id: detail.id });
  await screen.findByRole('heading', { level: 1 });
}

describe('case progress', () => {
  beforeEach(() => {
    router.go({ name: 'case-view', id: 'case-1' });
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-05T10:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows status (in the identity bar), referral, allocation with the team’s name, cycle start and an overdue next step', async () => {
    await showCase(caseDetail(ACTIVE));
    const progress = screen.getByRole('region', { name: 'Next step' });
    expect(input('case-status')).toHaveTextContent('Active');
    expect(progress).toHaveTextContent('10 January 2025');
    expect(progress).toHaveTextContent('Source: School');
    expect(progress).toHaveTextContent('A. Testworker');
    expect(progress).toHaveTextContent('Attendance and family support workers');
    expect(progress).toHaveTextContent('3 February 2025');
    expect(input('case-next-due')).toHaveTextContent('Midpoint check by 24 February 2025 Overdue');
  });

  it('offers a button for each allowed step, in the server’s order, with stable ids', async () => {
    await showCase(caseDetail({ allowed_transitions: ['accept', 'decline', 'family_declined'] }));
    const steps = within(input('case-steps')).getAllByRole('button');
    expect(steps.map((b) => [b.id, b.textContent])).toEqual([
      ['step-accept', 'Accept'],
      ['step-decline', 'Decline'],
      ['step-family_declined', 'Family declined support'],
    ]);
  });

  it('opens the step form dated today, sends the step, and re-renders from the case it returns', async () => {
    const accepted = caseDetail({
      status: 'accepted',
      allowed_transitions: ['allocate', 'close'],
      history: [
        ...caseDetail().history,
        { kind: 'accept', on_date: '2025-03-04', to_status: 'accepted', team: null, worker: null, note: null },
      ],
    });
    await showCase(caseDetail(), { case_transition: () => accepted });
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(screen.getByRole('heading', { level: 3, name: 'Accept' })).toHaveFocus();
    expect([input('step-day').value, input('step-month').value, input('step-year').value]).toEqual(['5', '3', '2025']);
    expect(document.getElementById('step-team')).toBeNull();
    await fillIn({ 'step-day': '4' });
    await userEvent.click(input('step-save'));

    expect(requestsFor('case_transition')).toEqual([{ id: 'case-1', kind: 'accept', on_date: '2025-03-04' }]);
    expect(screen.getByRole('alert')).toHaveTextContent('Accepted. The case is now accepted.');
    expect(screen.getByRole('alert')).toHaveFocus();
    expect(document.getElementById('step-form')).toBeNull();
    expect(input('case-status')).toHaveTextContent('Accepted');
    expect(input('step-allocate')).toHaveTextContent('Allocate');
    expect(document.getElementById('step-accept')).toBeNull();
    await userEvent.click(screen.getByRole('link', { name: 'History' }));
    expect(within(input('case-history')).getAllByRole('listitem')[0]).toHaveTextContent('Accepted');
  });

  it('asks for a team from settings and a worker when allocating', async () => {
    await showCase(caseDetail({ status: 'accepted', allowed_transitions: ['allocate'] }), {
      case_transition: () => caseDetail(ACTIVE),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Allocate' }));
    const teams = Array.from((input('step-team') as unknown as HTMLSelectElement).options).map((o) => [
      o.value,
      o.text,
    ]);
    expect(teams).toEqual([
      ['', 'Choose a team'],
      ['afsw', 'Attendance and family support workers'],
      ['taskforce', 'Attendance taskforce'],
    ]);
    await userEvent.selectOptions(input('step-team'), 'Attendance taskforce');
    await userEvent.type(input('step-worker'), 'A. Testworker');
    await userEvent.click(input('step-save'));
    expect(requestsFor('case_transition')).toEqual([
      { id: 'case-1', kind: 'allocate', on_date: '2025-03-05', team: 'taskforce', worker: 'A. Testworker' },
    ]);
  });

  it('asks why the case is closing as a category, labels the reason, and sends both', async () => {
    await showCase(caseDetail(ACTIVE), {
      case_transition: () => caseDetail({ ...ACTIVE, status: 'closed', allowed_transitions: ['reopen'] }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Close case' }));
    expect(screen.getByRole('group', { name: 'Why is the case closing?' })).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Moved school or out of area'));
    await userEvent.type(screen.getByLabelText('Reason for closing'), 'Attendance back above 90%');
    expect(screen.getByLabelText('Reason for closing')).toHaveAttribute('id', 'step-note');
    await userEvent.click(input('step-save'));
    expect(requestsFor('case_transition')[0]).toMatchObject({
      kind: 'close',
      note: 'Attendance back above 90%',
      closure_category: 'moved_school_or_area',
    });
    expect(input('step-reopen')).toHaveTextContent('Reopen');
  });

  it('shows the server’s field errors next to the step’s fields and links to them', async () => {
    await showCase(caseDetail({ status: 'accepted', allowed_transitions: ['allocate'] }), {
      case_transition: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'team', message: 'Choose the team the case is allocated to' },
            { field: 'worker', message: 'Enter the name of the allocated worker' },
            { field: 'on_date', message: 'The date this happened cannot be in the future' },
          ],
        }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Allocate' }));
    await userEvent.click(input('step-save'));
    expect(document.querySelector('.govuk-error-summary')).toHaveFocus();
    expect(input('team-error')).toHaveTextContent('Choose the team');
    expect(input('worker-error')).toHaveTextContent('Enter the name');
    expect(input('on_date-error').closest('fieldset')).toContainElement(input('step-day'));
    await userEvent.click(screen.getByRole('link', { name: 'Enter the name of the allocated worker' }));
    expect(input('step-worker')).toHaveFocus();
  });

  it('shows what must happen first when the server refuses the step', async () => {
    await showCase(caseDetail({ allowed_transitions: ['accept'] }), {
      case_transition: () =>
        fail({
          kind: 'invalid_transition',
          message: 'Accept the referral before allocating it',
          from: 'referred',
          step: 'allocate',
        }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await userEvent.click(input('step-save'));
    const summary = document.querySelector('.govuk-error-summary');
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent('Accept the referral before allocating it');
    expect(document.getElementById('step-form')).not.toBeNull();
  });

  it('closes the form on Cancel without sending anything and returns focus to the step', async () => {
    await showCase(caseDetail());
    await userEvent.click(screen.getByRole('button', { name: 'Decline' }));
    await userEvent.click(input('step-cancel'));
    expect(document.getElementById('step-form')).toBeNull();
    expect(input('step-decline')).toHaveFocus();
    expect(requestsFor('case_transition')).toEqual([]);
  });

  it('offers no steps when the server allows none', async () => {
    await showCase(caseDetail({ allowed_transitions: [] }));
    expect(document.getElementById('case-steps')).toBeNull();
  });
});

describe('case history', () => {
  it('lists every event newest first, with allocation and notes', async () => {
    await showCase(caseDetail(ACTIVE), {}, 'history');
    const items = within(input('case-history')).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual([
      'Review cycle started',
      'Allocated',
      'Accepted',
      'Referred',
    ]);
    expect(items[0]).toHaveTextContent('3 February 2025');
    expect(items[0]).toHaveTextContent('First home visit booked');
    expect(items[1]).toHaveTextContent('Allocated to A. Testworker, Attendance and family support workers');
    expect(items[3]).toHaveTextContent('10 January 2025');
  });
});

describe('attendance', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-05T10:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each reading with its date, %, band and flags', async () => {
    await showCase(caseDetail(ACTIVE), {}, 'attendance');
    const rows = within(input('attendance-table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('31 January 2025');
    expect(rows[0]).toHaveTextContent('70 of 100');
    expect(rows[0]).toHaveTextContent('70.0%');
    expect(rows[0]).toHaveTextContent('61-70%');
    expect(rows[0]).toHaveTextContent('PA');
    expect(rows[1]).toHaveTextContent('85.0%');
  });

  it('says when there are no readings yet', async () => {
    await showCase(caseDetail(), {}, 'attendance');
    expect(screen.getByText('No attendance has been recorded for this pupil yet.')).toBeInTheDocument();
  });

  it('records a reading as typed, dated today unless changed, and shows the returned readings', async () => {
    await showCase(caseDetail(), { attendance_record: () => caseDetail(ACTIVE) }, 'attendance');
    expect([input('as_at-day').value, input('as_at-month').value, input('as_at-year').value]).toEqual([
      '5',
      '3',
      '2025',
    ]);
    await fillIn({
      'as_at-day': '28',
      'as_at-month': '2',
      possible: '120',
      present: '102',
      authorised: '8',
      unauthorised: '10',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Record attendance' }));
    expect(requestsFor('attendance_record')).toEqual([
      { id: 'case-1', as_at: '2025-02-28', possible: '120', present: '102', authorised: '8', unauthorised: '10' },
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('Reading recorded: 85.0% as at 28 February 2025.');
    expect(within(input('attendance-table')).getAllByRole('row')).toHaveLength(3);
    expect(input('possible')).toHaveValue('');
  });

  it('shows a sessions error on the sessions group and links it to the first count', async () => {
    await showCase(
      caseDetail(),
      {
        attendance_record: () =>
          fail({
            kind: 'validation',
            message: 'x',
            fields: [{ field: 'sessions', message: 'Check the figures: present and absences must add up to possible' }],
          }),
      },
      'attendance',
    );
    await fillIn({ possible: '100', present: '90', authorised: '9', unauthorised: '9' });
    await userEvent.click(screen.getByRole('button', { name: 'Record attendance' }));
    expect(input('sessions-error')).toHaveTextContent('must add up');
    expect(input('sessions-error').closest('fieldset')).toContainElement(input('unauthorised'));
    await userEvent.click(screen.getByRole('link', { name: /must add up/ }));
    expect(input('possible')).toHaveFocus();
    expect(input('possible')).toHaveValue('100');
  });
});
