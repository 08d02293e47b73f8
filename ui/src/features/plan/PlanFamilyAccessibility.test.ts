// An accessibility scan (axe-core, zero violations; contrast is left to the end-to-end scan) of the
// whole app on the case view with its plan and family sections: as shown, with the plan and
// details forms open and showing the server's errors, and with sibling search results listed.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { axeViolations } from '../../test/axe';
import { fail, serve } from '../../test/commands';
import {
  caseDetail,
  chronologyEntry,
  dashboard,
  dashboardRow,
  familyView,
  planAction,
  planView,
  searchHit,
  settings,
  status,
} from '../../test/fixtures';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const invalid = (field: string, message: string) => () =>
  fail({ kind: 'validation', message: 'x', fields: [{ field, message }] });

async function openCaseView(tab: 'Plan' | 'Family') {
  serve({
    app_status: () => status(),
    dashboard: () => dashboard([dashboardRow()]),
    case_get: () => caseDetail({ status: 'active', allowed_transitions: ['midpoint_check', 'review', 'close'] }),
    settings_get: () => settings(),
    chronology_list: () => [chronologyEntry()],
    plan_get: () =>
      planView({
        actions: [
          planAction({ id: 'a1', overdue: true, due_on: '2025-03-03' }),
          planAction({ id: 'a2', what: 'Send the timetable home', status: 'done', status_on: '2025-03-01' }),
        ],
      }),
    family_get: () => familyView(),
    search: () => [searchHit(), searchHit({ case_id: 'case-4', legal_name: 'Dora Testpupil', preferred_name: null })],
    plan_set: () =>
      fail({
        kind: 'validation',
        message: 'x',
        fields: [
          { field: 'target_pct', message: 'Enter the target as a percentage from 0 to 100' },
          { field: 'target_by', message: 'Enter the target date as a real date' },
          { field: 'review_dates', message: 'Enter each review date as a real date, like 23 11 2026' },
          { field: 'other_barriers', message: 'Keep this to 2000 characters' },
        ],
      }),
    plan_action_add: invalid('due_on', 'Enter the due date as a real date'),
    pupil_details_set: () =>
      fail({
        kind: 'validation',
        message: 'x',
        fields: [
          { field: 'postcode', message: 'Enter a real postcode, like SW1A 1AA' },
          { field: 'key_professionals', message: 'Give each key professional a role and a name' },
        ],
      }),
    family_name_set: invalid('family_name', 'Enter the family name'),
    carer_add: invalid('carer_name', "Enter the parent or carer's name"),
    family_child_add: invalid('date_of_birth', 'The date of birth cannot be in the future'),
    sibling_link: invalid('sibling', 'Choose another pupil: a pupil is not their own sibling'),
  });
  render(App);
  await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
  await userEvent.click(within(await screen.findByRole('table')).getByRole('link', { name: 'Alexandra Testpupil' }));
  await userEvent.click(await screen.findByRole('link', { name: tab }));
  await screen.findByRole('button', { name: tab === 'Plan' ? 'Edit plan' : 'Edit details' });
}

describe('accessibility of the plan and family sections', () => {
  it('finds no axe violations on the case view with its plan and family', async () => {
    await openCaseView('Plan');
    expect(screen.getByRole('region', { name: 'Plan' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
    await userEvent.click(screen.getByRole('link', { name: 'Family' }));
    expect(await screen.findByRole('region', { name: 'Family and details' })).toBeInTheDocument();
    await screen.findByRole('button', { name: 'Edit details' });
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations with the plan form and the action form showing errors', async () => {
    await openCaseView('Plan');
    await userEvent.click(screen.getByRole('button', { name: 'Edit plan' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add another review date' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save plan' }));
    await screen.findAllByText('Enter the target date as a real date');
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Add action' }));
    await screen.findAllByText('Enter the due date as a real date');
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations with the details and family forms showing errors and sibling results listed', async () => {
    await openCaseView('Family');
    await userEvent.click(screen.getByRole('button', { name: 'Edit details' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add a key professional' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save details' }));
    await screen.findAllByText('Enter a real postcode, like SW1A 1AA');
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: /^Rename/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save family name' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add parent or carer' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add child' }));
    await screen.findAllByText('The date of birth cannot be in the future');
    await userEvent.type(screen.getByLabelText('Link a sibling on your caseload'), 'Testp');
    await userEvent.click(await screen.findByRole('button', { name: /Link\s+Dora Testpupil as a sibling/ }));
    await screen.findAllByText('Choose another pupil: a pupil is not their own sibling');
    expect(await axeViolations()).toEqual([]);
  }, 30_000);
});
