// A case's History: its steps, then its entries in the audit trail (asked for by the case's id),
// newest first, in words; an axe scan with no violations.
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../../test/axe';
import { requestsFor, serve } from '../../test/commands';
import { caseDetail, settings } from '../../test/fixtures';
import CaseHistory from './CaseHistory.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

describe('CaseHistory', () => {
  it('shows the case’s audit entries below its steps', async () => {
    serve({
      audit_list: () => ({
        entries: [
          {
            seq: 7,
            at: '2026-12-06T14:02:00.000Z',
            worker: 'jsmith',
            action: 'chronology_add',
            action_label: 'Chronology entry added',
            entity_type: 'chronology_entry',
            entity_id: '019a2070-0000-7000-8000-000000000001',
            case_id: 'case-1',
            detail: '',
          },
          {
            seq: 4,
            at: '2026-12-05T09:00:00.000Z',
            worker: 'jsmith',
            action: 'case_add',
            action_label: 'Case added',
            entity_type: 'case',
            entity_id: 'case-1',
            case_id: 'case-1',
            detail: '',
          },
        ],
        actions: [],
      }),
    });
    const detail = caseDetail();
    render(CaseHistory, { caseId: 'case-1', history: detail.history, teams: settings().teams });
    expect(screen.getByRole('heading', { name: 'History' })).toBeInTheDocument();
    const table = await screen.findByRole('table');
    expect(screen.getByRole('heading', { name: 'Changes to this case' })).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-action'))).toEqual(['chronology_add', 'case_add']);
    expect(rows[0]).toHaveTextContent('Chronology entry added');
    expect(rows[0]).toHaveTextContent('6 December 2026, 2:02pm');
    expect(requestsFor('audit_list')).toEqual([{ case_id: 'case-1' }]);
    expect(await axeViolations()).toEqual([]);
  });

  it('says so when nothing is recorded for the case', async () => {
    serve({ audit_list: () => ({ entries: [], actions: [] }) });
    const detail = caseDetail();
    render(CaseHistory, { caseId: 'case-1', history: detail.history, teams: [] });
    expect(await screen.findByText('No changes are recorded for this case.')).toBeInTheDocument();
  });
});
