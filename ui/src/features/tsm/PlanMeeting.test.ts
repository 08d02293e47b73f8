// "Plan a meeting": the link schools to choose from (prefilled from a URN), the date composed from
// day/month/year, tsm_plan and opening the new meeting, and the server's validation, conflict and
// not-found errors; with no link schools, a way to add one.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { linkSchool, plannedTsm } from '../../test/schoolFixtures';
import PlanMeeting from './PlanMeeting.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const SCHOOLS = [linkSchool(), linkSchool({ urn: '100002', name: 'Demo Hill Secondary', phase: 'secondary' })];

function field(id: string): HTMLInputElement & HTMLSelectElement {
  return document.getElementById(id) as HTMLInputElement & HTMLSelectElement;
}

async function typeDate(day: string, month: string, year: string) {
  await userEvent.type(field('meeting-date-day'), day);
  await userEvent.type(field('meeting-date-month'), month);
  await userEvent.type(field('meeting-date-year'), year);
}

function summary(): HTMLElement {
  return document.querySelector('.govuk-error-summary') as HTMLElement;
}

describe('PlanMeeting', () => {
  beforeEach(() => {
    router.go({ name: 'meeting-plan' });
  });

  it('offers the link schools with none chosen when no school is passed', async () => {
    serve({ link_school_list: () => SCHOOLS });
    render(PlanMeeting);
    await screen.findByRole('button', { name: 'Plan the meeting' });
    const options = Array.from(field('plan-school').options).map((o) => [o.value, o.text]);
    expect(options).toEqual([
      ['', 'Choose a school'],
      ['100001', 'Demo Brook Primary (URN 100001)'],
      ['100002', 'Demo Hill Secondary (URN 100002)'],
    ]);
    expect(field('plan-school')).toHaveValue('');
  });

  it('prefills the school passed, sends tsm_plan with the date as YYYY-MM-DD and opens the meeting', async () => {
    serve({ link_school_list: () => SCHOOLS, tsm_plan: () => plannedTsm({ id: 'tsm-new' }) });
    render(PlanMeeting, { urn: '100002' });
    const submit = await screen.findByRole('button', { name: 'Plan the meeting' });
    expect(submit).toHaveAttribute('id', 'plan-submit');
    expect(field('plan-school')).toHaveValue('100002');
    await typeDate('3', '2', '2027');
    await userEvent.click(submit);
    expect(requestsFor('tsm_plan')).toEqual([{ school_urn: '100002', meeting_date: '2027-02-03' }]);
    expect(router.route).toEqual({ name: 'meeting', id: 'tsm-new' });
  });

  it('sends the school chosen from the list', async () => {
    serve({ link_school_list: () => SCHOOLS, tsm_plan: () => plannedTsm() });
    render(PlanMeeting);
    await screen.findByRole('button', { name: 'Plan the meeting' });
    await userEvent.selectOptions(field('plan-school'), 'Demo Brook Primary (URN 100001)');
    await typeDate('23', '11', '2026');
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    expect(requestsFor('tsm_plan')).toEqual([{ school_urn: '100001', meeting_date: '2026-11-23' }]);
  });

  it('shows a date the server rejects by the date fields and in the summary', async () => {
    serve({
      link_school_list: () => SCHOOLS,
      tsm_plan: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'meeting_date', message: 'Enter a real date, like 23 11 2026' }],
        }),
    });
    render(PlanMeeting, { urn: '100001' });
    await screen.findByRole('button', { name: 'Plan the meeting' });
    await typeDate('31', '2', '2027');
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    const link = await within(summary()).findByRole('link', { name: 'Enter a real date, like 23 11 2026' });
    expect(link).toHaveAttribute('href', '#meeting-date-day');
    expect(document.getElementById('meeting_date-error')).toHaveTextContent('Enter a real date, like 23 11 2026');
    expect(summary()).toHaveFocus();
    expect(router.route).toEqual({ name: 'meeting-plan' });
  });

  it('shows a problem with the term by the date fields too', async () => {
    serve({
      link_school_list: () => SCHOOLS,
      tsm_plan: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'term', message: 'Enter a term, like 2026-autumn' }],
        }),
    });
    render(PlanMeeting, { urn: '100001' });
    await screen.findByRole('button', { name: 'Plan the meeting' });
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    expect(await within(summary()).findByRole('link', { name: 'Enter a term, like 2026-autumn' })).toHaveAttribute(
      'href',
      '#meeting-date-day',
    );
    expect(document.getElementById('meeting_date-error')).toHaveTextContent('Enter a term, like 2026-autumn');
  });

  it('shows a meeting already planned this term in the error summary', async () => {
    const message =
      'A meeting with this school is already planned for the Autumn term 2026 (2026-11-23): open it instead';
    serve({ link_school_list: () => SCHOOLS, tsm_plan: () => fail({ kind: 'conflict', message }) });
    render(PlanMeeting, { urn: '100001' });
    await screen.findByRole('button', { name: 'Plan the meeting' });
    await typeDate('1', '12', '2026');
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    expect(await within(summary()).findByText(message)).toBeInTheDocument();
    expect(router.route).toEqual({ name: 'meeting-plan' });
  });

  it('shows a school that is not linked against the school field', async () => {
    serve({
      link_school_list: () => SCHOOLS,
      tsm_plan: () => fail({ kind: 'not_found', message: 'No link school with that URN', id: '' }),
    });
    render(PlanMeeting);
    await screen.findByRole('button', { name: 'Plan the meeting' });
    await typeDate('1', '12', '2026');
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    expect(await within(summary()).findByRole('link', { name: 'No link school with that URN' })).toHaveAttribute(
      'href',
      '#plan-school',
    );
    expect(document.getElementById('school_urn-error')).toHaveTextContent('No link school with that URN');
  });

  it('says there are no link schools yet and leads to adding one', async () => {
    serve({ link_school_list: () => [] });
    render(PlanMeeting, { urn: '100001' });
    expect(await screen.findByText(/You have no link schools yet/)).toHaveAttribute('id', 'plan-no-schools');
    expect(document.getElementById('plan-school')).toBeNull();
    const add = screen.getByRole('link', { name: 'Add a link school' });
    expect(add).toHaveAttribute('id', 'plan-add-school');
    await userEvent.click(add);
    expect(router.route).toEqual({ name: 'school-edit' });
  });

  it('goes back to the school meetings', async () => {
    serve({ link_school_list: () => SCHOOLS });
    render(PlanMeeting);
    await userEvent.click(screen.getByRole('link', { name: 'Back to school meetings' }));
    expect(router.route).toEqual({ name: 'meetings' });
  });
});
