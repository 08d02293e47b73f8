// The case's plan: what plan_get returns (barriers, SMART target, interventions, review dates,
// actions with their status and "Overdue"), the plan form (plan_set), adding an action
// (plan_action_add) and marking one done or not done today (plan_action_status), each re-rendered
// from the PlanView the command returned, with the server's field errors next to the fields.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanView } from '../../api';
import { fail, requestsFor, serve, type Handlers } from '../../test/commands';
import { planAction, planView } from '../../test/fixtures';
import PlanSection from './PlanSection.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
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

async function showPlan(plan: PlanView, handlers: Handlers = {}) {
  serve({ plan_get: () => plan, ...handlers });
  render(PlanSection, { caseId: 'case-1' });
  await screen.findByRole('button', { name: 'Edit plan' });
}

describe('the plan', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-05T10:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the barriers, the SMART target, interventions and review dates of the plan it fetched', async () => {
    await showPlan(planView());
    expect(requestsFor('plan_get')).toEqual([{ case_id: 'case-1' }]);
    expect(screen.getByRole('heading', { level: 2, name: 'Plan' })).toBeInTheDocument();
    expect(el('plan-barriers')).toHaveTextContent('SEMH or EBSA');
    expect(el('plan-barriers')).toHaveTextContent('School factors');
    expect(el('plan-barriers')).toHaveTextContent('Finds the lunch hall too loud');
    expect(el('plan-target')).toHaveTextContent('92.5% by 12 February 2027');
    expect(el('plan-interventions')).toHaveTextContent('Weekly check-in with the learning mentor');
    expect(
      within(el('plan-reviews'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['1 April 2025', '13 May 2025']);
    expect(document.getElementById('plan-no-target')).toBeNull();
  });

  it('says there is no target yet and warns that every child’s plan needs a SMART attendance target', async () => {
    await showPlan(
      planView({ target_pct: null, target_by: null, barriers: [], other_barriers: null, review_dates: [] }),
    );
    expect(el('plan-target')).toHaveTextContent('No target yet');
    expect(el('plan-no-target')).toHaveTextContent("Every child's plan needs a SMART attendance target");
    expect(el('plan-barriers')).toHaveTextContent('None recorded');
    expect(el('plan-reviews')).toHaveTextContent('None set');
  });

  it('lists each action with owner, due date and status, and tags an overdue one in red', async () => {
    await showPlan(
      planView({
        actions: [
          planAction({ id: 'a1', what: 'Book a meeting with the SENCo', due_on: '2025-03-03', overdue: true }),
          planAction({ id: 'a2', what: 'Send the timetable home', due_on: '2025-03-15' }),
          planAction({ id: 'a3', what: 'Referral to the school nurse', status: 'done', status_on: '2025-03-01' }),
        ],
      }),
    );
    const rows = within(el('plan-actions')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Book a meeting with the SENCo');
    expect(rows[0]).toHaveTextContent('School: Ms Testsenco');
    expect(rows[0]).toHaveTextContent('3 March 2025');
    expect(within(rows[0]).getByText('Overdue')).toHaveClass('govuk-tag--red');
    expect(within(rows[0]).getByText('Open')).toHaveClass('govuk-tag');
    expect(within(rows[1]).queryByText('Overdue')).toBeNull();
    expect(rows[2]).toHaveTextContent('Done');
    expect(rows[2]).toHaveTextContent('on 1 March 2025');
    expect(document.getElementById('action-done-a3')).toBeNull();
    expect(el('action-done-a1')).toHaveAccessibleName(/^Mark done\s*: Book a meeting with the SENCo$/);
  });

  it('opens the plan form prefilled, sends barriers, target, date, interventions and every review date, and shows the plan returned', async () => {
    const saved = planView({
      barriers: ['health', 'semh_ebsa'],
      target_pct: 95,
      target_by: '2025-05-04',
      review_dates: ['2025-04-01', '2025-04-15'],
    });
    await showPlan(planView(), { plan_set: () => saved });
    await userEvent.click(screen.getByRole('button', { name: 'Edit plan' }));
    expect(screen.getByRole('heading', { level: 3, name: 'Edit plan' })).toHaveFocus();
    expect(el('barrier-semh_ebsa')).toBeChecked();
    expect(el('barrier-school_factors')).toBeChecked();
    expect(el('barrier-health')).not.toBeChecked();
    expect(el('target_pct')).toHaveValue('92.5');
    expect([el('target-day').value, el('target-month').value, el('target-year').value]).toEqual(['12', '2', '2027']);
    expect(el('review-1-day')).toHaveValue('13');

    await userEvent.click(el('barrier-health'));
    await userEvent.click(el('barrier-school_factors'));
    await fillIn({
      target_pct: '95',
      'target-day': '4',
      'target-month': '5',
      'target-year': '2025',
      other_barriers: '',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Remove review date 2' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add another review date' }));
    expect(el('review-1-day')).toHaveFocus();
    await fillIn({ 'review-1-day': '15', 'review-1-month': '4', 'review-1-year': '2025' });
    await userEvent.click(screen.getByRole('button', { name: 'Add another review date' }));
    await userEvent.click(el('save-plan'));

    expect(requestsFor('plan_set')).toEqual([
      {
        case_id: 'case-1',
        barriers: ['health', 'semh_ebsa'],
        target_pct: '95',
        target_by: '2025-05-04',
        interventions: 'Weekly check-in with the learning mentor',
        review_dates: ['2025-04-01', '2025-04-15'],
      },
    ]);
    expect(document.getElementById('plan-form')).toBeNull();
    expect(el('plan-saved')).toHaveTextContent('Plan saved.');
    expect(el('plan-saved')).toHaveFocus();
    expect(el('plan-target')).toHaveTextContent('95% by 4 May 2025');
    expect(el('plan-barriers')).toHaveTextContent('Health');
  });

  it('shows the server’s field errors next to the plan’s fields and links to them', async () => {
    await showPlan(planView(), {
      plan_set: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'target_pct', message: 'Enter the target as a percentage from 0 to 100' },
            { field: 'target_by', message: 'Enter the target date as a real date' },
            { field: 'review_dates', message: 'Enter each review date as a real date, like 23 11 2026' },
          ],
        }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Edit plan' }));
    await fillIn({ target_pct: '120', 'review-0-month': '13' });
    await userEvent.click(el('save-plan'));

    const summary = screen.getByRole('alert');
    expect(
      within(summary).getByRole('link', { name: 'Enter the target as a percentage from 0 to 100' }),
    ).toHaveAttribute('href', '#target_pct');
    expect(within(summary).getByRole('link', { name: 'Enter the target date as a real date' })).toHaveAttribute(
      'href',
      '#target-day',
    );
    expect(within(summary).getByRole('link', { name: /Enter each review date/ })).toHaveAttribute(
      'href',
      '#review-0-day',
    );
    expect(el('target_pct-error')).toHaveTextContent('Enter the target as a percentage from 0 to 100');
    expect(el('target_pct')).toHaveAttribute('aria-describedby', expect.stringContaining('target_pct-error'));
    expect(el('target_by-error')).toHaveTextContent('Enter the target date as a real date');
    expect(el('review_dates-error')).toHaveTextContent('Enter each review date as a real date');
    expect(el('plan-form')).toBeInTheDocument();
  });

  it('closes the plan form on Cancel without saving and puts focus back on Edit plan', async () => {
    await showPlan(planView());
    await userEvent.click(screen.getByRole('button', { name: 'Edit plan' }));
    await userEvent.click(el('cancel-plan'));
    expect(document.getElementById('plan-form')).toBeNull();
    expect(el('edit-plan')).toHaveFocus();
    expect(requestsFor('plan_set')).toEqual([]);
  });

  it('adds an action with what, owner and due date and shows the plan returned', async () => {
    const added = planAction({
      id: 'a9',
      what: 'Phone mum about mornings',
      owner: 'A. Testworker',
      due_on: '2025-03-14',
    });
    await showPlan(planView({ actions: [] }), { plan_action_add: () => planView({ actions: [added] }) });
    expect(el('no-plan-actions')).toHaveTextContent('No actions have been agreed yet.');
    await fillIn({
      'action-what': 'Phone mum about mornings',
      'action-owner': 'A. Testworker',
      'action-day': '14',
      'action-month': '3',
      'action-year': '2025',
    });
    await userEvent.click(el('add-action'));

    expect(requestsFor('plan_action_add')).toEqual([
      { case_id: 'case-1', what: 'Phone mum about mornings', owner: 'A. Testworker', due_on: '2025-03-14' },
    ]);
    expect(within(el('plan-actions')).getByText('Phone mum about mornings')).toBeInTheDocument();
    expect(el('plan-saved')).toHaveTextContent('Action added: Phone mum about mornings.');
    expect(el('action-what')).toHaveValue('');
    expect(el('action-day')).toHaveValue('');
  });

  it('shows the server’s field errors next to the action’s fields', async () => {
    await showPlan(planView(), {
      plan_action_add: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'what', message: 'Say what is to be done' },
            { field: 'owner', message: 'Say who will do it' },
            { field: 'due_on', message: 'Enter the due date as a real date' },
          ],
        }),
    });
    await userEvent.click(el('add-action'));
    expect(el('action-what-error')).toHaveTextContent('Say what is to be done');
    expect(el('action-owner-error')).toHaveTextContent('Say who will do it');
    expect(el('action-due-error')).toHaveTextContent('Enter the due date as a real date');
    expect(
      within(screen.getByRole('alert')).getByRole('link', { name: 'Enter the due date as a real date' }),
    ).toHaveAttribute('href', '#action-day');
  });

  it('marks an open action done today and re-renders from the plan returned', async () => {
    const open = planAction({ id: 'a1', overdue: true, due_on: '2025-03-03' });
    await showPlan(planView({ actions: [open] }), {
      plan_action_status: ({ status, on_date }) =>
        planView({ actions: [{ ...open, status, status_on: on_date, overdue: false }] }),
    });
    await userEvent.click(el('action-done-a1'));
    expect(requestsFor('plan_action_status')).toEqual([
      { case_id: 'case-1', action_id: 'a1', status: 'done', on_date: '2025-03-05' },
    ]);
    const row = el('plan-action-a1');
    expect(row).toHaveTextContent('Done');
    expect(row).toHaveTextContent('on 5 March 2025');
    expect(within(row).queryByText('Overdue')).toBeNull();
    expect(document.getElementById('action-done-a1')).toBeNull();
    expect(el('plan-saved')).toHaveFocus();
  });

  it('marks an open action not done today', async () => {
    const open = planAction({ id: 'a1' });
    await showPlan(planView({ actions: [open] }), {
      plan_action_status: ({ status, on_date }) => planView({ actions: [{ ...open, status, status_on: on_date }] }),
    });
    await userEvent.click(el('action-not-done-a1'));
    expect(requestsFor('plan_action_status')).toEqual([
      { case_id: 'case-1', action_id: 'a1', status: 'not_done', on_date: '2025-03-05' },
    ]);
    expect(el('plan-action-a1')).toHaveTextContent('Not done');
  });

  it('shows the server’s error above the actions when an action’s status cannot be changed', async () => {
    const open = planAction({ id: 'a1' });
    await showPlan(planView({ actions: [open] }), {
      plan_action_status: () => fail({ kind: 'conflict', message: 'That action has already been closed.' }),
    });
    await userEvent.click(el('action-done-a1'));
    expect(screen.getByRole('alert')).toHaveTextContent('That action has already been closed.');
    expect(el('action-done-a1')).toBeEnabled();
    expect(document.getElementById('plan-saved')).toBeNull();
  });

  it('says why the plan could not be loaded', async () => {
    serve({ plan_get: () => fail({ kind: 'not_found', message: 'No case with that id', id: 'case-1' }) });
    render(PlanSection, { caseId: 'case-1' });
    expect(await screen.findByText('The plan could not be loaded: No case with that id')).toBeInTheDocument();
  });
});
