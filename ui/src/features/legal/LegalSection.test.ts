// The case's legal ladder: what legal_get returns (alerts naming their rule with its explanation,
// the steps so far newest last, corrected ones tagged), the step form (legal_step_add) whose fields
// follow the kind of step and which asks for a reason when the server says one is needed, a
// correction prefilled from its step, and the evidence bundle saved as a PDF where the worker chooses
// (evidence_bundle_save, whose save dialog the backend opens: no path is sent), named neutrally unless
// the worker ticks "Put the pupil's name…", with Open and Show in folder after.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSavedFile, revealSavedFile, type LegalView } from '../../api';
import { fail, requestsFor, serve, type Handlers } from '../../test/commands';
import { legalAlert, legalStep, legalView, noticeStep, penaltyStep } from '../../test/legalFixtures';
import LegalSection from './LegalSection.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
  openSavedFile: vi.fn(),
  revealSavedFile: vi.fn(),
}));

function el<T extends HTMLElement = HTMLInputElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as T;
}

async function fillIn(values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) {
    await userEvent.clear(el(id));
    if (value) await userEvent.type(el(id), value);
  }
}

async function showLegal(view: LegalView, handlers: Handlers = {}) {
  serve({ legal_get: () => view, ...handlers });
  render(LegalSection, { caseId: 'case-1' });
  await screen.findByRole('button', { name: 'Record a legal step' });
}

describe('legal action', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-05T10:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists the steps so far, oldest first, with dates, decision maker and each step’s details', async () => {
    await showLegal(legalView({ steps: [legalStep(), noticeStep(), penaltyStep()] }));
    expect(requestsFor('legal_get')).toEqual([{ case_id: 'case-1' }]);
    expect(screen.getByRole('heading', { level: 2, name: 'Legal action' })).toBeInTheDocument();
    const items = within(el('legal-steps'))
      .getAllByRole('listitem')
      .filter((li) => li.id.startsWith('legal-step-'));
    expect(items.map((li) => within(li).getByRole('heading', { level: 4 }).textContent?.trim())).toEqual([
      'Attendance contract, 6 January 2025',
      'Notice to improve, 3 February 2025',
      'Penalty notice, 10 March 2025',
    ]);
    expect(items[0]).toHaveTextContent('Decided by Ms Testmanager');
    expect(items[0]).toHaveTextContent('Terms In school by 8:45 every day');
    expect(items[1]).toHaveTextContent('Improvement period ends 3 March 2025');
    expect(items[2]).toHaveTextContent('Issued to Mr Testparent');
    expect(items[2]).toHaveTextContent('First in the 3-year window from 10 March 2025');
    expect(items[2]).toHaveTextContent('£160 (£80 if paid by 31 March 2025)');
    expect(items[2]).toHaveTextContent('Paid Not paid');
    expect(el('legal-next')).toHaveTextContent('Next on the ladder: penalty notice.');
  });

  it('says when no steps are recorded', async () => {
    await showLegal(legalView({ steps: [], suggested: 'attendance_contract' }));
    expect(el('no-legal-steps')).toHaveTextContent('No legal steps have been recorded.');
  });

  it('shows each alert with its rule’s title and the rule’s explanation in a details element', async () => {
    await showLegal(legalView({ alerts: [legalAlert()] }));
    expect(el('legal-alert-0')).toHaveTextContent(
      'Notice to improve: improvement period ending: The improvement period',
    );
    const details = el<HTMLDetailsElement>('legal-alert-0-rule');
    expect(details.tagName).toBe('DETAILS');
    expect(within(details).getByText(/About this rule/)).toBeInTheDocument();
    expect(details).toHaveTextContent('A notice to improve gives parents an improvement period of 3 to 6 weeks');
  });

  it('tags a corrected step and offers no correction of it', async () => {
    const old = penaltyStep({ id: 'old', current: false, corrected_by: ['new'], penalty: null });
    const corrected = penaltyStep({
      id: 'new',
      corrects: 'old',
      details: { kind: 'penalty_notice', parent_name: 'Mr Testparent', paid_on: '2025-03-20' },
      recorded_at: '2025-03-20T09:00:00Z',
    });
    await showLegal(legalView({ steps: [legalStep(), noticeStep(), old, corrected] }));
    expect(within(el('legal-step-old')).getByText('Corrected')).toHaveClass('govuk-tag');
    expect(document.getElementById('correct-old')).toBeNull();
    expect(el('legal-step-new')).toHaveTextContent('Paid 20 March 2025');
    expect(el('legal-step-new')).toHaveTextContent('Corrects');
  });

  it('records the suggested step with the fields of its kind and shows the ladder returned', async () => {
    const saved = legalView({ steps: [legalStep(), noticeStep(), penaltyStep()], suggested: 'supervision_order' });
    await showLegal(legalView(), { legal_step_add: () => saved });
    await userEvent.click(screen.getByRole('button', { name: 'Record a legal step' }));
    expect(screen.getByRole('heading', { level: 3, name: 'Record a legal step' })).toHaveFocus();
    expect(el('legal-kind-penalty_notice')).toBeChecked();
    expect(document.getElementById('legal-reason')).toBeNull();
    await fillIn({
      'legal-on-day': '10',
      'legal-on-month': '3',
      'legal-on-year': '2025',
      'legal-decided-by': 'Ms Testmanager',
      'legal-parent': 'Mr Testparent',
    });
    await userEvent.click(el('save-legal-step'));
    expect(requestsFor('legal_step_add')).toEqual([
      {
        case_id: 'case-1',
        step: 'penalty_notice',
        on_date: '2025-03-10',
        decided_by: 'Ms Testmanager',
        parent_name: 'Mr Testparent',
        paid: false,
      },
    ]);
    expect(document.getElementById('legal-form')).toBeNull();
    expect(el('legal-saved')).toHaveTextContent('Penalty notice recorded.');
    expect(el('legal-saved')).toHaveFocus();
    expect(el('legal-step-step-3')).toBeInTheDocument();
  });

  it('asks for a reason when the server says the step is out of order, and sends it', async () => {
    await showLegal(legalView(), { legal_step_add: () => legalView() });
    await userEvent.click(screen.getByRole('button', { name: 'Record a legal step' }));
    await userEvent.click(el('legal-kind-prosecution'));
    expect(el('legal-reason')).toBeInTheDocument();
    expect(el('legal-reason-warning')).toHaveTextContent('give the reason for taking this step now');
    await fillIn({
      'legal-on-day': '4',
      'legal-on-month': '3',
      'legal-on-year': '2025',
      'legal-decided-by': 'Panel',
      'legal-reason': 'Synthetic reason',
    });
    await userEvent.click(el('legal-section-s444_1a'));
    await userEvent.click(el('save-legal-step'));
    expect(requestsFor('legal_step_add')).toEqual([
      {
        case_id: 'case-1',
        step: 'prosecution',
        on_date: '2025-03-04',
        decided_by: 'Panel',
        reason: 'Synthetic reason',
        section: 's444_1a',
      },
    ]);
  });

  it('shows the server’s field errors next to the fields, and a reason field when the server asks for one', async () => {
    await showLegal(legalView(), {
      legal_step_add: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            {
              field: 'parent_name',
              message: 'A third penalty notice to the same parent for this child within 3 years is not allowed',
            },
            { field: 'reason', message: 'A penalty notice normally follows a notice to improve: give the reason' },
            { field: 'on_date', message: 'The date of the step cannot be in the future' },
          ],
        }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Record a legal step' }));
    await userEvent.click(el('save-legal-step'));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: /A third penalty notice/ })).toHaveAttribute(
      'href',
      '#legal-parent',
    );
    expect(within(summary).getByRole('link', { name: /cannot be in the future/ })).toHaveAttribute(
      'href',
      '#legal-on-day',
    );
    expect(el('legal-parent-error')).toHaveTextContent('A third penalty notice to the same parent');
    expect(el('legal-reason-error')).toHaveTextContent('give the reason');
    expect(el('legal-on-error')).toHaveTextContent('cannot be in the future');
  });

  it('asks for the terms of a contract and whether the parents were present', async () => {
    await showLegal(legalView({ steps: [], suggested: 'attendance_contract' }), { legal_step_add: () => legalView() });
    await userEvent.click(screen.getByRole('button', { name: 'Record a legal step' }));
    expect(el('legal-parents-present-hint')).toHaveTextContent("cannot be agreed in the parents' absence");
    await fillIn({
      'legal-terms': 'In school by 8:45',
      'legal-on-day': '6',
      'legal-on-month': '1',
      'legal-on-year': '2025',
      'legal-decided-by': 'Ms Testmanager',
    });
    await userEvent.click(el('legal-parents-present'));
    await userEvent.click(el('save-legal-step'));
    expect(requestsFor('legal_step_add')[0]).toMatchObject({
      step: 'attendance_contract',
      parents_present: true,
      terms: 'In school by 8:45',
    });
  });

  it('corrects a penalty notice to record its payment, prefilled from the notice', async () => {
    await showLegal(legalView({ steps: [legalStep(), noticeStep(), penaltyStep()] }), {
      legal_step_add: () => legalView(),
    });
    await userEvent.click(el('correct-step-3'));
    expect(screen.getByRole('heading', { level: 3, name: 'Correct a step' })).toHaveFocus();
    expect(el('legal-correcting')).toHaveTextContent('correction of the penalty notice of 10 March 2025');
    expect(document.getElementById('legal-kind-penalty_notice')).toBeNull();
    expect(el('legal-parent')).toHaveValue('Mr Testparent');
    expect(el('legal-on-day')).toHaveValue('10');
    await userEvent.click(el('legal-paid'));
    await fillIn({ 'legal-paid-day': '20', 'legal-paid-month': '3', 'legal-paid-year': '2025' });
    await userEvent.click(el('save-legal-step'));
    expect(requestsFor('legal_step_add')).toEqual([
      {
        case_id: 'case-1',
        step: 'penalty_notice',
        on_date: '2025-03-10',
        decided_by: 'Ms Testmanager',
        corrects: 'step-3',
        parent_name: 'Mr Testparent',
        paid: true,
        paid_on: '2025-03-20',
      },
    ]);
    expect(el('legal-saved')).toHaveTextContent('Penalty notice corrected.');
  });

  it('closes the form on Cancel without saving and puts focus back', async () => {
    await showLegal(legalView());
    await userEvent.click(screen.getByRole('button', { name: 'Record a legal step' }));
    await userEvent.click(el('cancel-legal-step'));
    expect(document.getElementById('legal-form')).toBeNull();
    expect(el('record-legal-step')).toHaveFocus();
    expect(requestsFor('legal_step_add')).toEqual([]);
  });

  it('saves the evidence bundle (the backend asks where), and offers to open it or show it', async () => {
    const chosen = '/home/demo/Documents/Caseload/Evidence bundle 2026-12-06 case 0000a1b2.pdf';
    await showLegal(legalView(), {
      evidence_bundle_save: () => ({ path: chosen, bytes: 4096, token: 'tok-3' }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Save evidence bundle (PDF)' }));
    expect(requestsFor('evidence_bundle_save')).toEqual([{ case_id: 'case-1', name_pupil: false }]);
    expect(el('evidence-saved')).toHaveTextContent(`Saved to ${chosen}`);
    expect(el('evidence-saved')).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Open the evidence bundle' }));
    await userEvent.click(screen.getByRole('button', { name: 'Show in folder (the evidence bundle)' }));
    expect(openSavedFile).toHaveBeenCalledWith('tok-3');
    expect(revealSavedFile).toHaveBeenCalledWith('tok-3');
  });

  it("asks for the pupil's name in the file name only when the worker ticks the box", async () => {
    await showLegal(legalView(), {
      evidence_bundle_save: () => ({ path: '/d/bundle.pdf', bytes: 4096, token: 'tok-4' }),
    });
    await userEvent.click(screen.getByLabelText("Put the pupil's name in the file name and the PDF's title"));
    await userEvent.click(screen.getByRole('button', { name: 'Save evidence bundle (PDF)' }));
    expect(requestsFor('evidence_bundle_save')).toEqual([{ case_id: 'case-1', name_pupil: true }]);
  });

  it('says nothing when the save dialog is cancelled (the backend answers null)', async () => {
    await showLegal(legalView(), { evidence_bundle_save: () => null });
    await userEvent.click(screen.getByRole('button', { name: 'Save evidence bundle (PDF)' }));
    expect(requestsFor('evidence_bundle_save')).toHaveLength(1);
    expect(document.getElementById('evidence-saved')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says why the bundle could not be saved', async () => {
    await showLegal(legalView(), {
      evidence_bundle_save: () =>
        fail({
          kind: 'file',
          message: 'The evidence bundle could not be saved to /x: denied. Choose another folder',
          path: '/x',
        }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Save evidence bundle (PDF)' }));
    expect(within(screen.getByRole('alert')).getByText(/could not be saved/)).toBeInTheDocument();
  });

  it('says why the legal steps could not be loaded', async () => {
    serve({ legal_get: () => fail({ kind: 'not_found', message: 'No case with that id', id: 'case-1' }) });
    render(LegalSection, { caseId: 'case-1' });
    expect(await screen.findByText('The legal steps could not be loaded: No case with that id')).toBeInTheDocument();
  });
});
