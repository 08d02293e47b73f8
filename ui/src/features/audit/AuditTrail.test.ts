// "Audit trail": reached from the primary navigation, the entries newest first in words with London
// times, what the filters send to audit_list, where a date error goes, "Check the audit trail" with
// an intact and a broken chain, and an axe scan with no violations.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntryView, AuditListView, AuditVerifyView } from '../../api';
import App from '../../App.svelte';
import { router } from '../../lib/router.svelte';
import { axeViolations } from '../../test/axe';
import { fail, requestsFor, serve } from '../../test/commands';
import { dashboard, status } from '../../test/fixtures';
import { outboxView } from '../../test/exportFixtures';
import AuditTrail from './AuditTrail.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function entry(overrides: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    seq: 1,
    at: '2026-12-06T10:15:00.000Z',
    worker: 'jsmith',
    action: 'case_add',
    action_label: 'Case added',
    entity_type: 'case',
    entity_id: '019a2069-3a27-7649-8aaa-fc036b74bc9f',
    case_id: '019a2069-3a27-7649-8aaa-fc036b74bc9f',
    detail: '',
    ...overrides,
  };
}

function trail(
  entries: AuditEntryView[] = [
    entry({ seq: 3, action: 'unlock', action_label: 'Unlocked', entity_type: '', entity_id: '', case_id: null }),
    entry({
      seq: 2,
      action: 'case_update',
      action_label: 'Pupil’s details changed',
      detail: 'changed: legal_name, upn',
    }),
    entry(),
  ],
): AuditListView {
  return {
    entries,
    actions: [
      { action: 'case_add', label: 'Case added' },
      { action: 'case_update', label: 'Pupil’s details changed' },
      { action: 'unlock', label: 'Unlocked' },
    ],
  };
}

const INTACT: AuditVerifyView = {
  intact: true,
  entries: 3,
  problem: null,
  at_seq: null,
  message: 'The audit trail is intact: all 3 entries link up and match what they record',
};

const BROKEN: AuditVerifyView = {
  intact: false,
  entries: 3,
  problem: 'edited',
  at_seq: 2,
  message:
    'The audit trail has been tampered with: entry 2 was edited: its hash does not match what it records. Tell your data protection officer and keep this caseload as it is',
};

/** The screen alone, inside the <main> landmark the app's layout gives it. */
function renderScreen() {
  const main = document.body.appendChild(document.createElement('main'));
  return render(AuditTrail, { target: main });
}

function input(id: string): HTMLInputElement {
  return document.getElementById(id) as HTMLInputElement;
}

describe('Audit trail', () => {
  beforeEach(() => {
    router.go({ name: 'audit' });
  });

  afterEach(() => {
    document.querySelectorAll('body > main').forEach((main) => main.remove());
  });

  it('is a primary navigation item and shows the entries newest first, in words, with London times', async () => {
    serve({
      app_status: () => status(),
      dashboard: () => dashboard([]),
      outbox_list: () => outboxView([]),
      audit_list: () => trail(),
    });
    router.go({ name: 'loading' });
    render(App);
    await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
    const nav = screen.getByRole('link', { name: 'Audit' });
    expect(nav).toHaveAttribute('id', 'nav-audit');
    await userEvent.click(nav);
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit trail' })).toBeInTheDocument();
    expect(nav).toHaveAttribute('aria-current', 'page');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-seq'))).toEqual(['3', '2', '1']);
    expect(rows[1]).toHaveTextContent('Pupil’s details changed');
    expect(rows[1]).toHaveTextContent('changed: legal_name, upn');
    expect(rows[2]).toHaveTextContent('6 December 2026, 10:15am');
    expect(rows[2]).toHaveTextContent('Case 019a2069…');
    expect(rows[2].querySelector('time')).toHaveAttribute('datetime', '2026-12-06T10:15:00.000Z');
    expect(requestsFor('audit_list')).toEqual([{}]);
    expect(await axeViolations()).toEqual([]);
  });

  it('sends the chosen action and dates, and shows the date error where it belongs', async () => {
    serve({
      audit_list: (req) => {
        if (req.until === '2026-11-01') {
          fail({
            kind: 'validation',
            message: 'x',
            fields: [{ field: 'to', message: 'The date to must be on or after the date from' }],
          });
        }
        return trail([entry()]);
      },
    });
    renderScreen();
    await screen.findByRole('table');
    await userEvent.selectOptions(screen.getByLabelText('Action'), 'case_add');
    for (const [id, value] of Object.entries({ 'from-day': '1', 'from-month': '12', 'from-year': '2026' })) {
      await userEvent.type(input(id), value);
    }
    await userEvent.click(screen.getByRole('button', { name: 'Show entries' }));
    await waitFor(() => expect(requestsFor('audit_list')).toHaveLength(2));
    expect(requestsFor('audit_list')[1]).toEqual({ action: 'case_add', since: '2026-12-01' });
    for (const [id, value] of Object.entries({ 'to-day': '1', 'to-month': '11', 'to-year': '2026' })) {
      await userEvent.type(input(id), value);
    }
    await userEvent.click(screen.getByRole('button', { name: 'Show entries' }));
    const link = await screen.findByText('The date to must be on or after the date from', { selector: 'a' });
    expect(link).toHaveAttribute('href', '#to-day');
    expect(await axeViolations()).toEqual([]);
  });

  it('says the trail is intact when the check finds it so', async () => {
    serve({ audit_list: () => trail(), audit_verify: () => INTACT });
    renderScreen();
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Check the audit trail' }));
    const result = await screen.findByText(INTACT.message);
    expect(result.closest('#audit-verify-result')).toHaveAttribute('data-intact', 'true');
    expect(await axeViolations()).toEqual([]);
  });

  it('names where and how the trail breaks when the check finds it tampered with', async () => {
    serve({ audit_list: () => trail(), audit_verify: () => BROKEN });
    renderScreen();
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Check the audit trail' }));
    const result = await screen.findByText(/entry 2 was edited/);
    expect(result.closest('#audit-verify-result')).toHaveAttribute('data-intact', 'false');
    expect(await axeViolations()).toEqual([]);
  });

  it('says so when no entries match', async () => {
    serve({ audit_list: () => trail([]) });
    renderScreen();
    expect(await screen.findByText('No entries match these filters.')).toBeInTheDocument();
  });
});
