// "Open cases by attendance band": the table of the server's counts, and what shows when the
// count cannot be had.
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../../test/axe';
import { fail, serve } from '../../test/commands';
import { caseloadBands } from '../../test/fixtures';
import CaseloadBands from './CaseloadBands.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

describe('CaseloadBands', () => {
  it('lists every band lowest first with its open cases, then those with no figure', async () => {
    serve({ report_caseload_bands: () => caseloadBands() });
    render(CaseloadBands);
    const table = await screen.findByRole('table', { name: /Open cases by the band of their current attendance/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(11);
    expect(rows[0]).toHaveTextContent('0-10%0');
    expect(rows[9]).toHaveTextContent('91-100%5');
    expect(rows[10]).toHaveTextContent('No attendance figure yet2');
    expect(table).toHaveAccessibleName(/17 open in all/);
    expect(await axeViolations()).toEqual([]);
  });

  it('says what went wrong when the count fails', async () => {
    serve({ report_caseload_bands: () => fail({ kind: 'storage', message: 'The caseload could not be read' }) });
    render(CaseloadBands);
    expect(await screen.findByText('The caseload could not be read')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
