// A case on one screen: the identity bar at the top of every part, the sub navigation (one part
// shown at a time, the current one marked, reachable by keyboard), the Overview (attendance chart
// with a name, latest readings, next step as the primary button, latest contacts, alerts) and
// "Record a contact" opening the chronology with its form focused.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../api';
import { router, type CaseTab } from '../../lib/router.svelte';
import { fail, serve } from '../../test/commands';
import { caseDetail, chronologyEntry, settings, twoReadings } from '../../test/fixtures';
import CaseView from './CaseView.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const ACTIVE: Partial<CaseDetail> = {
  status: 'active',
  next_due: { kind: 'midpoint_check', due_on: '2025-02-24', overdue: true },
  allowed_transitions: ['midpoint_check', 'review', 'close'],
  attendance: twoReadings,
  alerts: [
    { rule: 'penalty_threshold_met', on: '2025-02-20', message: '10 unauthorised sessions in 10 school weeks.' },
    { rule: 'persistent_absence', on: null, message: 'Attendance is below 90%.' },
  ],
};

const ENTRIES = [
  chronologyEntry({ id: 'e1', kind: 'phone_call', occurred_at: '2025-02-01T10:00' }),
  chronologyEntry({ id: 'e2', kind: 'home_visit', occurred_at: '2025-02-20T14:30' }),
  chronologyEntry({ id: 'e3', kind: 'school_meeting', occurred_at: '2025-02-10T09:00' }),
  chronologyEntry({ id: 'e4', kind: 'letter', occurred_at: '2025-02-25T12:00' }),
];

function el(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element;
}

async function showCase(detail: CaseDetail, tab?: CaseTab) {
  router.go({ name: 'case-view', id: detail.id, ...(tab ? { tab } : {}) });
  serve({
    case_get: () => detail,
    settings_get: () => settings(),
    chronology_list: () => ENTRIES,
    plan_get: () => fail({ kind: 'storage', message: 'not in this test' }),
    family_get: () => fail({ kind: 'storage', message: 'not in this test' }),
    legal_get: () => fail({ kind: 'storage', message: 'not in this test' }),
  });
  render(CaseView, { id: detail.id });
  await screen.findByRole('heading', { level: 1 });
}

const TAB_SECTIONS: [string, CaseTab, string][] = [
  ['Overview', 'overview', 'case-overview-attendance'],
  ['Chronology', 'chronology', 'chronology'],
  ['Plan', 'plan', 'plan'],
  ['Attendance', 'attendance', 'attendance'],
  ['Family', 'family', 'family'],
  ['Legal', 'legal', 'legal'],
  ['History', 'history', 'case-history'],
];

describe('identity bar', () => {
  beforeEach(() => router.go({ name: 'case-view', id: 'case-1' }));

  it('names the pupil (preferred and legal), UPN, school, year, status, PA flag and alerts', async () => {
    await showCase(caseDetail(ACTIVE));
    const bar = el('case-identity');
    expect(within(bar).getByRole('heading', { level: 1 })).toHaveTextContent('Alex');
    expect(bar).toHaveTextContent('Legal name: Alexandra Testpupil');
    expect(bar).toHaveTextContent('UPN B801200005001');
    expect(bar).toHaveTextContent('Testschool Synthetic Primary');
    expect(bar).toHaveTextContent('Year 5');
    expect(el('case-status')).toHaveTextContent('Active');
    expect(el('case-identity-pa')).toHaveTextContent('PA (persistent absence)');
    expect(document.getElementById('case-identity-sa')).toBeNull();
    expect(el('case-identity-alerts')).toHaveTextContent('2 alerts, 1 serious');
    expect(within(bar).getByRole('button', { name: 'Record a contact' })).toBeInTheDocument();
    expect(within(bar).getByRole('button', { name: 'Edit pupil' })).toBeInTheDocument();
  });

  it('says when there are no alerts and shows no flags without readings', async () => {
    await showCase(caseDetail());
    expect(el('case-identity-alerts')).toHaveTextContent('No alerts');
    expect(document.getElementById('case-identity-pa')).toBeNull();
    expect(document.getElementById('case-identity-legal-name')).toHaveTextContent('Alexandra Testpupil');
  });

  it('stays on every tab', async () => {
    await showCase(caseDetail(ACTIVE), 'history');
    expect(el('case-identity')).toContainElement(el('case-status'));
    await userEvent.click(screen.getByRole('link', { name: 'Family' }));
    expect(el('case-identity')).toBeInTheDocument();
  });
});

describe('sub navigation', () => {
  it.each(TAB_SECTIONS)('%s shows its section only, marked as the current page', async (label, tab, sectionId) => {
    await showCase(caseDetail(ACTIVE), tab);
    const nav = screen.getByRole('navigation', { name: 'Parts of the case' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(TAB_SECTIONS.map(([name]) => name));
    expect(within(nav).getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
    expect(links.filter((l) => l.hasAttribute('aria-current'))).toHaveLength(1);
    expect(el(sectionId)).toBeInTheDocument();
    for (const [, other, otherId] of TAB_SECTIONS) {
      if (other !== tab) expect(document.getElementById(otherId)).toBeNull();
    }
  });

  it('opens a part from its link with the keyboard', async () => {
    await showCase(caseDetail(ACTIVE));
    const history = screen.getByRole('link', { name: 'History' });
    history.focus();
    await userEvent.keyboard('{Enter}');
    expect(router.route).toEqual({ name: 'case-view', id: 'case-1', tab: 'history' });
    expect(history).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Overview' })).not.toHaveAttribute('aria-current');
    expect(el('case-history')).toBeInTheDocument();
    expect(document.getElementById('case-overview-attendance')).toBeNull();
    // Tab moves along the links in order.
    await userEvent.tab();
    expect(screen.getByRole('link', { name: 'Overview' })).not.toHaveFocus();
  });
});

describe('overview', () => {
  it('offers the case’s first allowed step as the primary button, the others as secondary', async () => {
    await showCase(caseDetail(ACTIVE));
    const steps = within(el('case-steps')).getAllByRole('button');
    expect(steps[0]).toHaveTextContent('Record midpoint check');
    expect(steps[0]).not.toHaveClass('govuk-button--secondary');
    for (const step of steps.slice(1)) expect(step).toHaveClass('govuk-button--secondary');
    expect(el('case-next-due')).toHaveTextContent('Midpoint check by 24 February 2025 Overdue');
  });

  it('draws the attendance chart as an image with a name, with a table alternative', async () => {
    await showCase(caseDetail(ACTIVE));
    const chart = screen.getByRole('img', { name: /attendance over time/ });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart).toHaveAttribute('id', 'case-attendance-chart');
    expect(chart.getAttribute('aria-label')).toContain('latest 85.0%');
    expect(chart.getAttribute('aria-label')).toContain('90% (PA) and 50% (SA) lines');
    const table = within(el('case-attendance-chart-table')).getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(table).toHaveTextContent('28 February 2025');
  });

  it('says there is no chart when there are no figures', async () => {
    await showCase(caseDetail());
    expect(screen.queryByRole('img')).toBeNull();
    expect(el('case-attendance-chart-none')).toBeInTheDocument();
  });

  it('shows the latest readings newest first, the three latest contacts and the alerts', async () => {
    await showCase(caseDetail(ACTIVE));
    const rows = within(el('case-latest-readings')).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('28 February 2025');
    expect(rows[1]).toHaveTextContent('31 January 2025');
    const contacts = await within(el('case-latest-contacts')).findAllByRole('listitem');
    expect(contacts.map((c) => c.getAttribute('data-entry-id'))).toEqual(['e4', 'e2', 'e3']);
    expect(el('case-alerts')).toHaveTextContent('10 unauthorised sessions in 10 school weeks.');
  });
});

describe('record a contact', () => {
  it('opens the chronology from the identity bar with the form’s first field focused', async () => {
    await showCase(caseDetail(ACTIVE), 'plan');
    await userEvent.click(screen.getByRole('button', { name: 'Record a contact' }));
    expect(router.route).toEqual({ name: 'case-view', id: 'case-1', tab: 'chronology' });
    expect(screen.getByRole('link', { name: 'Chronology' })).toHaveAttribute('aria-current', 'page');
    expect(el('entry-kind')).toHaveFocus();
  });
});

describe('print case', () => {
  it('prints the Overview with the whole chronology from any part of the case', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    await showCase(caseDetail(ACTIVE), 'plan');
    await userEvent.click(screen.getByRole('button', { name: 'Print case' }));
    expect(print).toHaveBeenCalledOnce();
    expect(router.route).toEqual({ name: 'case-view', id: 'case-1', tab: 'overview' });
    // On paper: the Overview (not marked app-no-print), then every entry of the chronology.
    expect(el('case-overview-attendance').closest('.app-no-print')).toBeNull();
    expect(el('case-summary').closest('.app-no-print')).toBeNull();
    const printout = el('case-print-chronology');
    expect(printout).toHaveClass('app-print-only');
    const entries = printout.querySelectorAll('[data-entry-id]');
    expect([...entries].map((e) => e.getAttribute('data-entry-id'))).toEqual(['e1', 'e2', 'e3', 'e4']);
    // Read only, and the latest contacts (a shorter copy of the same) stay off the paper.
    expect(within(printout).queryByRole('button')).toBeNull();
    expect(el('case-latest-contacts')).toHaveClass('app-no-print');
    expect(el('case-print-header')).toHaveTextContent(/Case summary for .*, UPN .*\. Printed .+\./);
    print.mockRestore();
  });
});
