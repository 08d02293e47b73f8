// An accessibility scan (axe-core, zero violations; contrast is left to the end-to-end scan) of the
// whole app on the case view with its legal section: as shown with alerts and steps (one corrected),
// with the step form open showing the server's errors and the reason field, with a correction open,
// and after the evidence bundle is saved.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { axeViolations } from '../../test/axe';
import { fail, serve } from '../../test/commands';
import { caseDetail, dashboard, dashboardRow, familyView, planView, settings, status } from '../../test/fixtures';
import { legalAlert, legalStep, legalView, noticeStep, penaltyStep } from '../../test/legalFixtures';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

async function openCaseView() {
  serve({
    app_status: () => status(),
    dashboard: () => dashboard([dashboardRow()]),
    case_get: () => caseDetail({ status: 'active', allowed_transitions: ['midpoint_check', 'review', 'close'] }),
    settings_get: () => settings(),
    chronology_list: () => [],
    plan_get: () => planView(),
    family_get: () => familyView(),
    legal_get: () =>
      legalView({
        alerts: [
          legalAlert(),
          legalAlert({
            rule: 'supervision_order_before_prosecution',
            title: 'Education supervision order to be considered before prosecution',
          }),
        ],
        steps: [
          legalStep(),
          noticeStep(),
          penaltyStep({ id: 'old', current: false, corrected_by: ['step-3'], penalty: null }),
          penaltyStep({ corrects: 'old' }),
        ],
      }),
    legal_step_add: () =>
      fail({
        kind: 'validation',
        message: 'x',
        fields: [
          { field: 'on_date', message: 'Enter the date of the step' },
          { field: 'decided_by', message: 'Say who made the decision' },
          {
            field: 'reason',
            message: 'An education supervision order must be considered before prosecuting: give the reason',
          },
          { field: 'section', message: 'Choose the offence: section 444(1) or section 444(1A)' },
        ],
      }),
    // Saved (the backend's dialog, or a fixed documents folder), then Open and Show in folder are scanned.
    evidence_bundle_save: () => ({
      path: '/home/demo/Documents/Caseload/Evidence bundle 2025-03-05 case 0000a1b2.pdf',
      bytes: 4096,
      token: 'tok-1',
    }),
  });
  render(App);
  await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
  await userEvent.click(within(await screen.findByRole('table')).getByRole('link', { name: 'Alexandra Testpupil' }));
  await userEvent.click(await screen.findByRole('link', { name: 'Legal' }));
  await screen.findByRole('button', { name: 'Record a legal step' });
}

describe('accessibility of the legal section', () => {
  it('finds no axe violations on the case view with its alerts and legal steps', async () => {
    await openCaseView();
    expect(screen.getByRole('region', { name: 'Legal action' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations with the step form showing errors and the reason field', async () => {
    await openCaseView();
    await userEvent.click(screen.getByRole('button', { name: 'Record a legal step' }));
    await userEvent.click(screen.getByLabelText('Prosecution'));
    await userEvent.click(screen.getByRole('button', { name: 'Save step' }));
    await screen.findAllByText('Choose the offence: section 444(1) or section 444(1A)');
    expect(await axeViolations()).toEqual([]);
    for (const kind of ['Attendance contract', 'Notice to improve', 'Penalty notice', 'Education supervision order']) {
      await userEvent.click(screen.getByLabelText(kind));
      expect(await axeViolations()).toEqual([]);
    }
  }, 60_000);

  it('finds no axe violations with a correction open and after the evidence bundle is saved', async () => {
    await openCaseView();
    await userEvent.click(screen.getByRole('button', { name: /^Correct\s*: Penalty notice/ }));
    await userEvent.click(screen.getByLabelText('It has been paid'));
    expect(await axeViolations()).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save evidence bundle (PDF)' }));
    await screen.findByText(/Saved to/);
    expect(screen.getByRole('button', { name: 'Open the evidence bundle' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  }, 30_000);
});
