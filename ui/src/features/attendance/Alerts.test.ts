// The rules engine's alerts where the worker meets them: compact tags on the dashboard (rule title
// and short date, red for the serious ones, PA/SA not repeated), and on the case view an "Alerts"
// panel (title, date, message and "Why?" with the rule's explanation) and the summary of the
// pupil's imported session marks, with an axe scan of the whole app on that case view.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import type { CaseDetail } from '../../api';
import { axeViolations } from '../../test/axe';
import { serve } from '../../test/commands';
import { alert, marksView } from '../../test/attendanceFixtures';
import { caseDetail, dashboard, dashboardRow, familyView, planView, settings, status } from '../../test/fixtures';
import { legalView } from '../../test/legalFixtures';
import CaseloadList from '../caseload/CaseloadList.svelte';
import AttendanceSection from '../case/AttendanceSection.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as T;
}

const ALERTS = [
  alert({ rule: 'severe_absence', on: null, message: 'Absent from 52.5% of possible sessions' }),
  alert({ rule: 'severe_without_plan', on: null, message: 'Severely absent and no plan is recorded: agree one' }),
  alert(),
  alert({
    rule: 'illness_notification_due',
    on: '2026-02-10',
    message: '15 school days missed through illness this academic year, reached on 10 February 2026',
  }),
];

async function openCase(detail: CaseDetail) {
  serve({
    app_status: () => status(),
    dashboard: () => dashboard([dashboardRow({ alerts: detail.alerts })]),
    case_get: () => detail,
    settings_get: () => settings(),
    chronology_list: () => [],
    plan_get: () => planView(),
    family_get: () => familyView(),
    legal_get: () => legalView(),
  });
  render(App);
  await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
  await userEvent.click(within(await screen.findByRole('table')).getByRole('link', { name: 'Alexandra Testpupil' }));
  await screen.findByRole('heading', { level: 1, name: 'Alex' });
}

describe('alerts on the dashboard', () => {
  it('shows each alert as a tag with its rule title and date, leaving PA and SA to their flags', async () => {
    serve({
      dashboard: () =>
        dashboard([
          dashboardRow({ severe_absence: true, alerts: ALERTS }),
          dashboardRow({
            id: 'case-2',
            legal_name: 'Bertram Sample',
            persistent_absence: true,
            alerts: [alert({ rule: 'persistent_absence', on: null, message: 'x' })],
          }),
        ]),
    });
    render(CaseloadList);
    const [first, second] = within(await screen.findByRole('table'))
      .getAllByRole('row')
      .slice(1);
    const tags = [...first!.querySelectorAll('[data-rule]')];
    expect(tags.map((t) => t.textContent)).toEqual([
      'Severely absent without a plan',
      'Penalty notice threshold met 4 Mar 2026',
      'Long illness: the local authority must be told 10 Feb 2026',
    ]);
    expect(tags[1]).toHaveClass('govuk-tag', 'govuk-tag--red');
    expect(tags[2]).toHaveClass('govuk-tag--orange');
    expect(first).toHaveTextContent('SA (severe absence)');
    expect(first).not.toHaveTextContent('Severe absence');
    expect(second!.querySelectorAll('[data-rule]')).toHaveLength(0);
    expect(second).toHaveTextContent('PA (persistent absence)');
  });
});

describe('alerts and imported marks on the case view', () => {
  it('lists each alert with its title, date and message, and explains the rule under “Why?”', async () => {
    await openCase(caseDetail({ status: 'active', alerts: ALERTS, marks: marksView() }));
    const panel = screen.getByRole('region', { name: 'Alerts' });
    expect(panel).toHaveAttribute('id', 'case-alerts');
    const items = within(panel).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(within(items[2]!).getByRole('heading', { level: 3 })).toHaveTextContent('Penalty notice threshold met');
    expect(items[2]).toHaveTextContent('4 March 2026');
    expect(items[2]).toHaveTextContent('10 unauthorised sessions within 10 school weeks, reached on 4 March 2026');
    expect(items[2]).toHaveClass('app-alert--serious');
    expect(items[3]).not.toHaveClass('app-alert--serious');
    const why = el<HTMLDetailsElement>('case-alert-2-why');
    expect(why.open).toBe(false);
    await userEvent.click(within(why).getByText('Why?'));
    expect(why.open).toBe(true);
    expect(why).toHaveTextContent(
      '10 sessions of unauthorised absence (G, N, O, U) within a rolling period of 10 school weeks',
    );
    expect(within(items[0]!).queryByText(/^\d/)).toBeNull(); // no date for severe absence
  });

  it('shows no alerts panel when nothing is raised', async () => {
    await openCase(caseDetail({ status: 'active' }));
    expect(document.getElementById('case-alerts')).toBeNull();
    expect(document.getElementById('marks-summary')).toBeNull();
  });

  it('finds no axe violations on the case view with alerts and imported marks', async () => {
    await openCase(caseDetail({ status: 'active', alerts: ALERTS, marks: marksView() }));
    await waitFor(() => expect(screen.queryByText('Loading contacts…')).toBeNull());
    await userEvent.click(within(el('case-alert-0-why')).getByText('Why?'));
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(await axeViolations()).toEqual([]);
    // The imported marks are on the Attendance tab.
    await userEvent.click(screen.getByRole('link', { name: 'Attendance' }));
    expect(await screen.findByRole('heading', { name: 'Imported session marks: 2025/26 to date' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  }, 30_000);
});

describe('the imported marks summary', () => {
  it('shows the dates covered, the sessions, attendance and band, flags and the dates rules were met', () => {
    render(AttendanceSection, { detail: caseDetail({ marks: marksView() }), onChanged: () => {} });
    expect(el('marks-title')).toHaveTextContent('Imported session marks: 2025/26 to date');
    expect(el('marks-dates')).toHaveTextContent('3 September 2025 to 4 March 2026');
    expect(el('marks-possible')).toHaveTextContent('240');
    expect(el('marks-present')).toHaveTextContent('180 (including approved educational activity)');
    expect(el('marks-authorised')).toHaveTextContent('36');
    expect(el('marks-unauthorised')).toHaveTextContent('24');
    expect(el('marks-attendance')).toHaveTextContent('75.0% (band 71-80%)');
    expect(el('marks-flags')).toHaveTextContent('PA (persistent absence)');
    expect(el('marks-flags')).not.toHaveTextContent('SA');
    expect(el('marks-penalty')).toHaveTextContent('Met on 4 March 2026');
    expect(el('marks-illness')).toHaveTextContent('Not reached');
  });

  it('says when there was no possible session and no rule was met', () => {
    const marks = marksView({
      possible: 0,
      present: 0,
      authorised: 0,
      unauthorised: 0,
      attendance_pct: null,
      band: null,
      persistent_absence: false,
      fpn_threshold_met_on: null,
      illness_15_days_on: '2026-02-10',
    });
    render(AttendanceSection, { detail: caseDetail({ marks }), onChanged: () => {} });
    expect(el('marks-attendance')).toHaveTextContent('No reading');
    expect(el('marks-flags')).toHaveTextContent('Not persistently or severely absent');
    expect(el('marks-penalty')).toHaveTextContent('Not met');
    expect(el('marks-illness')).toHaveTextContent('Reached on 10 February 2026');
  });

  it('shows last academic year beside this year’s figures, never pooled with them', () => {
    const marks = marksView({
      attendance_pct: 0,
      severe_absence: true,
      persistent_absence: true,
      previous_year: {
        academic_year: '2024/25',
        possible: 100,
        attendance_pct: 100,
        persistent_absence: false,
        severe_absence: false,
      },
    });
    render(AttendanceSection, { detail: caseDetail({ marks }), onChanged: () => {} });
    expect(el('marks-attendance')).toHaveTextContent('0.0%');
    expect(el('marks-last-year')).toHaveTextContent('100.0%');
    expect(within(el('marks-summary')).getByText('Attendance 2024/25')).toBeInTheDocument();
  });
});
