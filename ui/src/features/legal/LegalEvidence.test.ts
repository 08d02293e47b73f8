// Legal steps that check their evidence (#15): a penalty notice shows whether the threshold was met
// and when; a notice the server refuses for want of a reason (no threshold met, or an improvement
// period still running) brings up a GOV.UK warning saying why and a reason field, and the second save
// sends the reason; the reason is shown under the exception it answers; a bundle refused for want of
// session marks says what to import.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LegalStepAddRequest, LegalView } from '../../api';
import { fail, requestsFor, serve, type Handlers } from '../../test/commands';
import { legalStep, legalView, noticeStep, penaltyStep } from '../../test/legalFixtures';
import LegalSection from './LegalSection.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
  openSavedFile: vi.fn(),
  revealSavedFile: vi.fn(),
}));

const NOT_MET =
  "The penalty notice threshold (10 sessions of unauthorised absence within 10 school weeks) is not met by 4 March 2025 in the pupil's imported session marks: give the reason for issuing the notice without it";

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

describe('legal steps that check their evidence', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-05T10:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows whether the threshold was met on a penalty notice, and the reason under its exception', async () => {
    const issued = penaltyStep({
      threshold: 'Threshold not met',
      reason: 'Synthetic: the register was late',
      reason_label: 'Issued before the threshold was met',
    });
    await showLegal(legalView({ steps: [legalStep(), noticeStep(), issued], threshold: 'Threshold not met' }));
    expect(el('legal-step-step-3-threshold')).toHaveTextContent('Threshold not met');
    const row = el('legal-step-step-3-reason').closest('.govuk-summary-list__row') as HTMLElement;
    expect(within(row).getByRole('term')).toHaveTextContent('Issued before the threshold was met');
    expect(row).toHaveTextContent('Synthetic: the register was late');
    expect(el('legal-threshold')).toHaveTextContent(
      "Penalty notice threshold (from the pupil's session marks): Threshold not met.",
    );
    expect(document.getElementById('legal-step-step-2-threshold')).toBeNull();
  });

  it('asks for a reason when the server refuses a penalty notice for want of one, and saves it with one', async () => {
    let tries = 0;
    const saved = legalView({ steps: [legalStep(), noticeStep(), penaltyStep()] });
    await showLegal(legalView(), {
      legal_step_add: (req: LegalStepAddRequest) => {
        tries += 1;
        if (!req.reason) {
          return fail({ kind: 'validation', message: 'x', fields: [{ field: 'reason', message: NOT_MET }] });
        }
        return saved;
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Record a legal step' }));
    expect(el('legal-kind-penalty_notice')).toBeChecked();
    expect(document.getElementById('legal-reason-warning')).toBeNull();
    await fillIn({
      'legal-on-day': '4',
      'legal-on-month': '3',
      'legal-on-year': '2025',
      'legal-decided-by': 'Ms Testmanager',
      'legal-parent': 'Mr Testparent',
    });
    await userEvent.click(el('save-legal-step'));
    expect(el('legal-reason-error')).toHaveTextContent(NOT_MET);
    expect(within(screen.getByRole('alert')).getByRole('link', { name: NOT_MET })).toHaveAttribute(
      'href',
      '#legal-reason',
    );
    expect(screen.getByLabelText('Reason for issuing the penalty notice now')).toBeInTheDocument();
    expect(el('legal-form')).toBeInTheDocument();
    await fillIn({ 'legal-reason': 'Synthetic: the register was late' });
    await userEvent.click(el('save-legal-step'));
    expect(tries).toBe(2);
    expect(requestsFor('legal_step_add')[1]).toMatchObject({
      step: 'penalty_notice',
      on_date: '2025-03-04',
      reason: 'Synthetic: the register was late',
    });
    expect(el('legal-saved')).toHaveTextContent('Penalty notice recorded.');
  });

  it('warns before saving when the ladder says a penalty notice today needs a reason', async () => {
    const view = legalView();
    view.next = view.next.map((n) => (n.step === 'penalty_notice' ? { ...n, needs_reason: true, why: NOT_MET } : n));
    await showLegal(view, {
      legal_step_add: () => fail({ kind: 'validation', message: 'x', fields: [{ field: 'reason', message: NOT_MET }] }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Record a legal step' }));
    expect(el('legal-reason-warning')).toHaveTextContent(`Warning ${NOT_MET}`);
    expect(el('legal-reason-warning')).toHaveClass('govuk-warning-text');
    expect(el('legal-reason')).toBeInTheDocument();
    await userEvent.click(el('save-legal-step'));
    expect(el('legal-reason-error')).toHaveTextContent(NOT_MET);
    expect(document.getElementById('legal-reason-warning')).toBeNull();
  });

  it('says to import the session marks when a prosecution bundle is refused', async () => {
    const refusal =
      "An evidence bundle for a prosecution needs the attendance register, and no session marks are imported for this pupil: import the pupil's session marks first (Imports in the app, or `caseload import marks FILE`)";
    await showLegal(legalView(), {
      evidence_bundle_save: () =>
        fail({ kind: 'validation', message: 'x', fields: [{ field: 'purpose', message: refusal }] }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Save evidence bundle (PDF)' }));
    expect(within(screen.getByRole('alert')).getByText(/import the pupil's session marks first/)).toBeInTheDocument();
    expect(document.getElementById('evidence-saved')).toBeNull();
  });
});
