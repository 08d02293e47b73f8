// "Your caseload": rows from case_list, the empty state, opening a case and the success banner.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { serve } from '../../test/commands';
import { caseSummary } from '../../test/fixtures';
import CaseloadList from './CaseloadList.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

describe('CaseloadList', () => {
  beforeEach(() => {
    router.go({ name: 'caseload' });
  });

  it('renders one row per case with name, UPN, school, year group, status and London time', async () => {
    serve({
      case_list: () => [
        caseSummary(),
        caseSummary({ id: 'case-2', legal_name: 'Samira Example', preferred_name: 'Sam', year_group: 0, upn: 'P207000016049' }),
      ],
    });
    render(CaseloadList);
    const table = await screen.findByRole('table');
    expect(table).toHaveAttribute('id', 'case-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Alexandra Testpupil');
    expect(rows[0]).toHaveTextContent('B801200005001');
    expect(rows[0]).toHaveTextContent('Testschool Synthetic Primary');
    expect(rows[0]).toHaveTextContent('Year 5');
    expect(rows[0]).toHaveTextContent('Referred');
    expect(rows[0]).toHaveTextContent('14:30'); // 13:30 UTC is 14:30 British Summer Time
    expect(within(rows[1]).getByRole('link', { name: 'Sam' })).toHaveAttribute('data-case-id', 'case-2');
    expect(rows[1]).toHaveTextContent('Legal name: Samira Example');
    expect(rows[1]).toHaveTextContent('Reception');
  });

  it('shows the empty state and no table when there are no cases', async () => {
    serve({ case_list: () => [] });
    render(CaseloadList);
    expect(await screen.findByText(/You have no cases yet/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add a case' })).toHaveAttribute('id', 'add-case');
  });

  it('opens a case from its name', async () => {
    serve({ case_list: () => [caseSummary({ id: 'case-9' })] });
    render(CaseloadList);
    await userEvent.click(await screen.findByRole('link', { name: 'Alexandra Testpupil' }));
    expect(router.route).toEqual({ name: 'case-view', id: 'case-9' });
  });

  it('shows a notice passed by the previous screen as a success banner', async () => {
    serve({ case_list: () => [] });
    render(CaseloadList, { notice: 'Passphrase changed' });
    expect(screen.getByRole('alert')).toHaveTextContent('Passphrase changed');
  });

  it('shows a storage failure in an error summary instead of a table', async () => {
    const { fail } = await import('../../test/commands');
    serve({ case_list: () => fail({ kind: 'storage', message: 'The caseload file could not be read' }) });
    render(CaseloadList);
    expect(await screen.findByText('The caseload file could not be read')).toBeInTheDocument();
    expect(document.querySelector('.govuk-error-summary')).toHaveFocus();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
