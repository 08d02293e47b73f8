// "Your caseload" as the dashboard: rows from `dashboard`, attendance with its trend, PA/SA and
// due tags, what is due this week, filtering, sorting, the empty state, and opening a case.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, serve } from '../../test/commands';
import { caseloadBands, dashboard, dashboardRow } from '../../test/fixtures';
import CaseloadList from './CaseloadList.svelte';
import { attentionCounts, filterAttention, filterRows, nextSort, sortRows } from './dashboard';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const ROWS = [
  dashboardRow(),
  dashboardRow({
    id: 'case-2',
    legal_name: 'Samira Example',
    preferred_name: 'Sam',
    upn: 'P207000016049',
    school_name: 'Testschool Brook Secondary',
    school_phase: 'secondary',
    year_group: 0,
    status: 'referred',
    attendance_pct: 42.5,
    trend: 'down',
    persistent_absence: true,
    severe_absence: true,
    next_due: null,
  }),
  dashboardRow({
    id: 'case-3',
    legal_name: 'Bertram Sample',
    upn: 'A123456789012',
    school_name: 'Testschool Hill Primary',
    year_group: 3,
    status: 'allocated',
    attendance_pct: null,
    trend: null,
    persistent_absence: false,
    next_due: { kind: 'review', due_on: '2025-03-07', overdue: false },
  }),
];

const CASE_TABLE = /Open cases\. Select a column heading/;

function caseTable(): HTMLElement {
  return screen.getByRole('table', { name: CASE_TABLE });
}

function bodyRows(): HTMLElement[] {
  return within(caseTable()).getAllByRole('row').slice(1);
}

function names(): string[] {
  return bodyRows().map((row) => within(row).getByRole('link').textContent ?? '');
}

describe('CaseloadList (the dashboard)', () => {
  beforeEach(() => {
    router.go({ name: 'caseload' });
  });

  it('renders one row per open case with name, school, year, attendance and trend, flags, status and next due', async () => {
    serve({ dashboard: () => dashboard(ROWS), report_caseload_bands: () => caseloadBands() });
    render(CaseloadList);
    const table = await screen.findByRole('table', { name: CASE_TABLE });
    expect(table).toHaveAttribute('id', 'case-table');
    const [first, second, third] = bodyRows();
    expect(first).toHaveTextContent('Alexandra Testpupil');
    expect(first).toHaveTextContent('Testschool Synthetic Primary');
    expect(first).toHaveTextContent('Year 5');
    expect(first).toHaveTextContent('85.0% ↑going up');
    expect(first).toHaveTextContent('PA (persistent absence)');
    expect(first).not.toHaveTextContent('SA');
    expect(first).toHaveTextContent('Active');
    expect(first).toHaveTextContent('Midpoint check 3 March 2025');
    expect(within(first!).getByText('Overdue')).toHaveClass('govuk-tag--red');

    expect(within(second!).getByRole('link', { name: 'Sam' })).toHaveAttribute('data-case-id', 'case-2');
    expect(second).toHaveTextContent('Samira Example');
    expect(second).toHaveTextContent('Reception');
    expect(second).toHaveTextContent('42.5% ↓going down');
    expect(second).toHaveTextContent('SA (severe absence)');
    expect(second).toHaveTextContent('Nothing due');

    expect(third).toHaveTextContent('No reading');
    expect(third).toHaveTextContent('Review 7 March 2025');
    expect(within(third!).queryByText('Overdue')).not.toBeInTheDocument();
    expect(screen.getByText('3 open cases')).toBeInTheDocument();
  });

  it('counts the cases overdue and due this week above the table, and narrows the table to them', async () => {
    // case-1 is overdue; case-3 is due this week, not yet overdue; case-2 has nothing due.
    serve({
      dashboard: () => dashboard(ROWS, { due_this_week: ['case-1', 'case-3'] }),
      report_caseload_bands: () => caseloadBands(),
    });
    render(CaseloadList);
    const strip = await screen.findByRole('region', { name: 'Needs attention' });
    expect(strip).toHaveAttribute('id', 'needs-attention');
    const overdue = within(strip).getByRole('button', { name: '1 case overdue' });
    const dueWeek = within(strip).getByRole('button', { name: '1 case due this week' });
    expect(overdue).toHaveAttribute('id', 'filter-overdue');
    expect(dueWeek).toHaveAttribute('id', 'filter-due-this-week');
    expect(overdue).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(overdue);
    expect(overdue).toHaveAttribute('aria-pressed', 'true');
    expect(names()).toEqual(['Alexandra Testpupil']);
    expect(screen.getByText('Showing 1 of 3 open cases')).toBeInTheDocument();

    await userEvent.click(dueWeek);
    expect(overdue).toHaveAttribute('aria-pressed', 'false');
    expect(dueWeek).toHaveAttribute('aria-pressed', 'true');
    expect(names()).toEqual(['Bertram Sample']);

    await userEvent.click(dueWeek);
    expect(dueWeek).toHaveAttribute('aria-pressed', 'false');
    expect(names()).toHaveLength(3);
    expect(screen.getByText('3 open cases')).toBeInTheDocument();
  });

  it('combines the strip with the text filter, and "Show all open cases" clears both', async () => {
    serve({
      dashboard: () => dashboard(ROWS, { due_this_week: ['case-1', 'case-3'] }),
      report_caseload_bands: () => caseloadBands(),
    });
    render(CaseloadList);
    await userEvent.click(await screen.findByRole('button', { name: '1 case due this week' }));
    await userEvent.type(screen.getByLabelText('Filter by name, UPN or school'), 'alexandra');
    expect(screen.queryByRole('table', { name: CASE_TABLE })).not.toBeInTheDocument();
    expect(screen.getByText('No open cases match the filter.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show all open cases' }));
    expect(names()).toHaveLength(3);
    expect(screen.getByLabelText('Filter by name, UPN or school')).toHaveValue('');
    expect(screen.getByRole('button', { name: '1 case due this week' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('says when nothing is overdue or due this week', async () => {
    serve({ dashboard: () => dashboard(ROWS, { due_this_week: [] }), report_caseload_bands: () => caseloadBands() });
    render(CaseloadList);
    const strip = await screen.findByRole('region', { name: 'Needs attention' });
    expect(within(strip).getByRole('button', { name: '1 case overdue' })).toBeInTheDocument(); // case-1's mark
    expect(within(strip).getByRole('button', { name: '0 cases due this week' })).toBeInTheDocument();
  });

  it('shows the caseload by attendance band as a chart with a name, and as a table', async () => {
    serve({ dashboard: () => dashboard(ROWS), report_caseload_bands: () => caseloadBands() });
    render(CaseloadList);
    const chart = await screen.findByRole('img', { name: 'Bar chart: 17 open cases by attendance band' });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart.querySelector('style')).toBeNull();
    expect(chart.querySelector('[aria-label]')).toBeNull();
    const table = screen.getByRole('table', { name: /Open cases by the band of their current attendance/ });
    expect(within(table).getByRole('row', { name: '91-100% 5' })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: 'No attendance figure yet 2' })).toBeInTheDocument();
  });

  it('shows the local model’s groups as a column and filters by one', async () => {
    const model = {
      name: 'Attendance programme waves',
      groups: [
        { name: 'Wave 1', from_pct: 71, to_pct: 95, criteria: '' },
        { name: 'Wave 2', from_pct: 41, to_pct: 70, criteria: '' },
      ],
    };
    const rows = ROWS.map((row, i) => ({ ...row, model_groups: i === 0 ? ['Wave 2'] : ['Wave 1'] }));
    serve({
      dashboard: () => dashboard(rows, { local_model: model }),
      report_caseload_bands: () => caseloadBands(),
    });
    render(CaseloadList);
    const table = await screen.findByRole('table', { name: CASE_TABLE });
    expect(within(table).getByRole('columnheader', { name: 'Group' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Attendance programme waves'), 'Wave 2 (41–70%)');
    expect(names()).toHaveLength(1);
    expect(screen.getByText('Showing 1 of 3 open cases')).toBeInTheDocument();
  });

  it('filters the table by name, UPN or school as the worker types', async () => {
    serve({ dashboard: () => dashboard(ROWS), report_caseload_bands: () => caseloadBands() });
    render(CaseloadList);
    await screen.findByRole('table', { name: CASE_TABLE });
    const filter = screen.getByLabelText('Filter by name, UPN or school');
    expect(filter).toHaveAttribute('id', 'dashboard-filter');

    await userEvent.type(filter, 'sam');
    expect(names()).toEqual(['Sam', 'Bertram Sample']); // preferred "Sam" and legal "…Sample"
    expect(screen.getByText('Showing 2 of 3 open cases')).toBeInTheDocument();

    await userEvent.clear(filter);
    await userEvent.type(filter, 'P2070');
    expect(names()).toEqual(['Sam']);

    await userEvent.clear(filter);
    await userEvent.type(filter, 'hill primary');
    expect(names()).toEqual(['Bertram Sample']);

    await userEvent.clear(filter);
    await userEvent.type(filter, 'nobody at all');
    expect(screen.queryByRole('table', { name: CASE_TABLE })).not.toBeInTheDocument();
    expect(screen.getByText('No open cases match the filter.')).toBeInTheDocument();
  });

  it('filters the table by status', async () => {
    serve({ dashboard: () => dashboard(ROWS), report_caseload_bands: () => caseloadBands() });
    render(CaseloadList);
    await screen.findByRole('table', { name: CASE_TABLE });
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Allocated');
    expect(names()).toEqual(['Bertram Sample']);
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'All open cases');
    expect(names()).toHaveLength(3);
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    serve({ dashboard: () => dashboard(ROWS), report_caseload_bands: () => caseloadBands() });
    render(CaseloadList);
    await screen.findByRole('table', { name: CASE_TABLE });
    const attendance = screen.getByRole('button', { name: 'Attendance 2024/25' });
    const header = attendance.closest('th');
    expect(header).toHaveAttribute('aria-sort', 'none');

    await userEvent.click(attendance);
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toEqual(['Sam', 'Alexandra Testpupil', 'Bertram Sample']); // no reading last

    await userEvent.click(attendance);
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(names()).toEqual(['Alexandra Testpupil', 'Sam', 'Bertram Sample']);

    await userEvent.click(screen.getByRole('button', { name: 'Pupil' }));
    expect(header).toHaveAttribute('aria-sort', 'none');
    expect(names()).toEqual(['Alexandra Testpupil', 'Bertram Sample', 'Sam']);
  });

  it('sorts with the keyboard too', async () => {
    serve({ dashboard: () => dashboard(ROWS), report_caseload_bands: () => caseloadBands() });
    render(CaseloadList);
    await screen.findByRole('table', { name: CASE_TABLE });
    screen.getByRole('button', { name: 'Next due' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(names()).toEqual(['Alexandra Testpupil', 'Bertram Sample', 'Sam']);
  });

  it('shows the empty state and no table when there are no open cases', async () => {
    serve({ dashboard: () => dashboard([]) });
    render(CaseloadList);
    expect(await screen.findByText(/You have no open cases/)).toHaveAttribute('id', 'empty-caseload');
    expect(screen.queryByRole('table', { name: CASE_TABLE })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add a case' })).toHaveAttribute('id', 'add-case');
  });

  it('opens a case from its name', async () => {
    serve({
      dashboard: () => dashboard([dashboardRow({ id: 'case-9' })]),
      report_caseload_bands: () => caseloadBands(),
    });
    render(CaseloadList);
    await userEvent.click(
      await within(await screen.findByRole('table', { name: CASE_TABLE })).findByRole('link', {
        name: 'Alexandra Testpupil',
      }),
    );
    expect(router.route).toEqual({ name: 'case-view', id: 'case-9' });
  });

  it('shows a notice passed by the previous screen as a success banner', async () => {
    serve({ dashboard: () => dashboard([]) });
    render(CaseloadList, { notice: 'Passphrase changed' });
    expect(screen.getByRole('alert')).toHaveTextContent('Passphrase changed');
  });

  it('shows a storage failure in an error summary instead of a table', async () => {
    serve({ dashboard: () => fail({ kind: 'storage', message: 'The caseload file could not be read' }) });
    render(CaseloadList);
    expect(await screen.findByText('The caseload file could not be read')).toBeInTheDocument();
    expect(document.querySelector('.govuk-error-summary')).toHaveFocus();
    expect(screen.queryByRole('table', { name: CASE_TABLE })).not.toBeInTheDocument();
  });
});

describe('dashboard ordering and filtering', () => {
  it('keeps the server order when no column is chosen', () => {
    expect(sortRows(ROWS, null).map((r) => r.id)).toEqual(['case-1', 'case-2', 'case-3']);
  });

  it('orders statuses by their place in the lifecycle, not alphabetically', () => {
    const sorted = sortRows(ROWS, { key: 'status', direction: 'ascending' });
    expect(sorted.map((r) => r.status)).toEqual(['referred', 'allocated', 'active']);
  });

  it('puts rows with nothing due last whichever way the due column is sorted', () => {
    expect(sortRows(ROWS, { key: 'due', direction: 'descending' }).map((r) => r.id)).toEqual([
      'case-3',
      'case-1',
      'case-2',
    ]);
  });

  it('flips the direction when the same column is chosen again and starts ascending on a new one', () => {
    expect(nextSort(null, 'year')).toEqual({ key: 'year', direction: 'ascending' });
    expect(nextSort({ key: 'year', direction: 'ascending' }, 'year')).toEqual({ key: 'year', direction: 'descending' });
    expect(nextSort({ key: 'year', direction: 'descending' }, 'school')).toEqual({
      key: 'school',
      direction: 'ascending',
    });
  });

  it('keeps the overdue rows, or the rows due this week that are not overdue yet, and counts both', () => {
    const due = ['case-1', 'case-3'];
    expect(filterAttention(ROWS, due, 'overdue').map((r) => r.id)).toEqual(['case-1']);
    expect(filterAttention(ROWS, due, 'due-this-week').map((r) => r.id)).toEqual(['case-3']);
    expect(filterAttention(ROWS, due, null)).toHaveLength(3);
    expect(attentionCounts(ROWS, due)).toEqual({ overdue: 1, 'due-this-week': 1 });
    expect(attentionCounts(ROWS, [])).toEqual({ overdue: 1, 'due-this-week': 0 });
  });

  it('matches the filter text against both names, the UPN and the school, ignoring case', () => {
    expect(filterRows(ROWS, '  SAMIRA ', '').map((r) => r.id)).toEqual(['case-2']);
    expect(filterRows(ROWS, '', 'active').map((r) => r.id)).toEqual(['case-1']);
    expect(filterRows(ROWS, 'testschool', 'referred').map((r) => r.id)).toEqual(['case-2']);
  });
});
