// The case's chronology: entries in the order they happened with each correction beneath the entry
// it corrects (which stays in full), the kind filter (chronology_list with `kind`), adding an entry
// and a correction (chronology_add), server errors next to their fields, and printing.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChronologyEntryView } from '../../api';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve, type Handlers } from '../../test/commands';
import { caseDetail, chronologyEntry } from '../../test/fixtures';
import ChronologySection from './ChronologySection.svelte';
import { groupCorrections } from './chronology';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function byId(id: string): HTMLInputElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as HTMLInputElement;
}

async function fillIn(values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) {
    await userEvent.clear(byId(id));
    if (value) await userEvent.type(byId(id), value);
  }
}

const VISIT = chronologyEntry({ id: 'e1', corrected_by: ['e3'] });
const CALL = chronologyEntry({
  id: 'e2',
  kind: 'phone_call',
  occurred_at: '2025-02-24T09:00',
  who: 'Class teacher',
  what: 'Alex attended every day this week.',
  outcome: null,
  next_step: null,
  recorded_at: '2025-02-24T09:20:00Z',
});
const CORRECTION = chronologyEntry({
  id: 'e3',
  occurred_at: '2025-02-20T14:30',
  what: 'Visited at home; Alex was up and dressed and said school is too loud.',
  corrects: 'e1',
  recorded_at: '2025-02-25T10:00:00Z',
});
const ALL = [VISIT, CALL, CORRECTION];

async function show(handlers: Handlers = {}, entries: ChronologyEntryView[] = ALL) {
  serve({ chronology_list: () => entries, ...handlers });
  render(ChronologySection, { caseId: 'case-1', pupil: caseDetail().pupil });
  await screen.findByRole('heading', { level: 2, name: 'Chronology' });
  if (entries.length > 0) await waitFor(() => byId('chronology-list'));
}

/** The top-level entries of the list, as "data-entry-id: heading". */
function shownEntries(): string[] {
  return Array.from(document.querySelectorAll('#chronology-list > li')).map(
    (li) => `${li.getAttribute('data-entry-id')}: ${li.querySelector('h3')?.textContent?.replace(/\s+/g, ' ').trim()}`,
  );
}

describe('groupCorrections', () => {
  it('puts each correction (and corrections of corrections) beneath the entry it corrects', () => {
    const again = chronologyEntry({ id: 'e4', corrects: 'e3' });
    const groups = groupCorrections([VISIT, CALL, { ...CORRECTION, corrected_by: ['e4'] }, again]);
    expect(groups.map((g) => [g.entry.id, g.corrections.map((c) => c.id)])).toEqual([
      ['e1', ['e3', 'e4']],
      ['e2', []],
    ]);
  });

  it('keeps a correction whose original a filter left out as an entry of its own', () => {
    const groups = groupCorrections([CORRECTION]);
    expect(groups.map((g) => g.entry.id)).toEqual(['e3']);
  });
});

describe('the chronology', () => {
  beforeEach(() => {
    router.go({ name: 'case-view', id: 'case-1' });
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-05T10:07:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists entries in the order they happened, each with its kind, date and time in words, who, what, outcome and next step', async () => {
    await show();
    expect(requestsFor('chronology_list')).toEqual([{ case_id: 'case-1' }]);
    expect(shownEntries()).toEqual([
      'e1: Home visit, 20 February 2025, 2:30pm Corrected',
      'e2: Phone call, 24 February 2025, 9am',
    ]);
    const call = document.querySelector<HTMLElement>('[data-entry-id="e2"]')!;
    expect(call).toHaveTextContent('Class teacher');
    expect(call).toHaveTextContent('Alex attended every day this week.');
    expect(within(call).getAllByText('None recorded')).toHaveLength(2);
    const visit = document.querySelector<HTMLElement>('[data-entry-id="e1"]')!;
    expect(visit).toHaveTextContent('Mum agreed to a meeting with the school.');
    expect(visit).toHaveTextContent('Book a meeting with the SENCo');
  });

  it('shows a correction directly beneath the entry it corrects, and the original text unchanged', async () => {
    await show();
    const visit = document.querySelector<HTMLElement>('#chronology-list > [data-entry-id="e1"]')!;
    const original = visit.querySelector('dl')!;
    expect(original).toHaveTextContent('Alex was in bed');
    const corrections = visit.querySelectorAll<HTMLElement>('.app-chronology__corrections > li');
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toHaveAttribute('data-corrects', 'e1');
    expect(within(corrections[0]).getByRole('heading', { level: 4 })).toHaveTextContent(
      'Correction Home visit, 20 February 2025, 2:30pm',
    );
    expect(corrections[0]).toHaveTextContent('Alex was up and dressed');
    expect(corrections[0]).toHaveTextContent('Added 25 February 2025');
    expect(corrections[0].querySelector('[data-field="corrects"]')).toHaveTextContent(
      'Corrects the Home visit entry of 20 February 2025, 2:30pm',
    );
    expect(document.querySelectorAll('#chronology-list > li')).toHaveLength(2);
  });

  it('draws the entries as an MoJ timeline', async () => {
    await show();
    const list = document.getElementById('chronology-list')!;
    expect(list).toHaveClass('moj-timeline');
    for (const item of list.querySelectorAll(':scope > li')) expect(item).toHaveClass('moj-timeline__item');
    expect(list.querySelectorAll('.moj-timeline__title').length).toBeGreaterThanOrEqual(3);
  });

  it('asks again with the kind chosen in the filter, and without it for "All"', async () => {
    const calls = [CALL];
    await show({ chronology_list: (request) => (request.kind ? calls : ALL) });
    expect(byId('chronology-filter')).toHaveValue('');
    await userEvent.selectOptions(byId('chronology-filter'), 'Phone call');
    await waitFor(() => expect(shownEntries()).toEqual(['e2: Phone call, 24 February 2025, 9am']));
    await userEvent.selectOptions(byId('chronology-filter'), 'All');
    await waitFor(() => expect(shownEntries()).toHaveLength(2));
    expect(requestsFor('chronology_list')).toEqual([
      { case_id: 'case-1' },
      { case_id: 'case-1', kind: 'phone_call' },
      { case_id: 'case-1' },
    ]);
  });

  it('ignores an answer for an earlier filter that arrives after the answer for a later one', async () => {
    let answerCalls: (entries: ChronologyEntryView[]) => void = () => {};
    await show({
      chronology_list: (request) =>
        request.kind === 'phone_call'
          ? new Promise<ChronologyEntryView[]>((resolve) => (answerCalls = resolve))
          : request.kind
            ? []
            : ALL,
    });
    await userEvent.selectOptions(byId('chronology-filter'), 'Phone call');
    await userEvent.selectOptions(byId('chronology-filter'), 'Letter');
    expect(await screen.findByText('There are no entries of the kind “Letter”.')).toBeInTheDocument();
    answerCalls([CALL]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.getElementById('chronology-list')).toBeNull();
    expect(screen.getByText('There are no entries of the kind “Letter”.')).toBeInTheDocument();
  });

  it('says when no entry is of the kind chosen', async () => {
    await show({ chronology_list: (request) => (request.kind ? [] : ALL) });
    await userEvent.selectOptions(byId('chronology-filter'), 'Letter');
    expect(await screen.findByText('There are no entries of the kind “Letter”.')).toBeInTheDocument();
  });

  it('adds an entry dated today at now (rounded down to five minutes) and shows the chronology returned', async () => {
    const letter = chronologyEntry({
      id: 'e9',
      kind: 'letter',
      occurred_at: '2025-03-05T10:05',
      who: 'Parents',
      what: 'Sent the attendance letter',
      outcome: null,
      next_step: 'Follow up by phone',
      recorded_at: '2025-03-05T10:07:30Z',
    });
    await show({ chronology_add: () => [...ALL, letter] }, []);
    expect(screen.getByText('Nothing has been recorded in the chronology yet.')).toBeInTheDocument();
    expect([
      byId('entry-day').value,
      byId('entry-month').value,
      byId('entry-year').value,
      byId('entry-time').value,
    ]).toEqual(['5', '3', '2025', '10:05']);
    expect(document.getElementById('correction-notice')).toBeNull();
    await userEvent.selectOptions(byId('entry-kind'), 'Letter');
    await fillIn({
      'entry-who': 'Parents',
      'entry-what': 'Sent the attendance letter',
      'entry-next_step': 'Follow up by phone',
    });
    await userEvent.click(byId('add-entry'));

    expect(requestsFor('chronology_add')).toEqual([
      {
        case_id: 'case-1',
        kind: 'letter',
        occurred_at: '2025-03-05T10:05',
        who: 'Parents',
        what: 'Sent the attendance letter',
        next_step: 'Follow up by phone',
      },
    ]);
    expect(shownEntries()).toHaveLength(3);
    expect(byId('chronology-added')).toHaveTextContent('Entry added: Letter, 5 March 2025, 10:05am.');
    expect(byId('chronology-added')).toHaveFocus();
    expect(byId('entry-who')).toHaveValue('');
  });

  it('sends a typed time like 9.05 as 09:05', async () => {
    await show({ chronology_add: () => ALL });
    await fillIn({ 'entry-day': '4', 'entry-time': '9.05', 'entry-who': 'School', 'entry-what': 'Meeting' });
    await userEvent.click(byId('add-entry'));
    expect(requestsFor('chronology_add')[0].occurred_at).toBe('2025-03-04T09:05');
  });

  it('opens the form prefilled from an entry to correct it, says the original stays, and sends `corrects`', async () => {
    const fixed = chronologyEntry({
      id: 'e10',
      kind: 'phone_call',
      occurred_at: '2025-02-24T09:00',
      corrects: 'e2',
      recorded_at: '2025-03-05T10:07:00Z',
    });
    await show({ chronology_add: () => [VISIT, { ...CALL, corrected_by: ['e10'] }, CORRECTION, fixed] });
    await userEvent.click(screen.getByRole('button', { name: 'Correct this entry of 24 February 2025, 9am' }));

    expect(screen.getByRole('heading', { level: 3, name: 'Add a correction' })).toHaveFocus();
    expect(byId('correction-notice')).toHaveTextContent(
      'You are adding a correction to the entry of 24 February 2025, 9am. The original stays in the chronology.',
    );
    expect(byId('entry-kind')).toHaveValue('phone_call');
    expect([
      byId('entry-day').value,
      byId('entry-month').value,
      byId('entry-year').value,
      byId('entry-time').value,
    ]).toEqual(['24', '2', '2025', '09:00']);
    expect(byId('entry-who')).toHaveValue('Class teacher');
    expect(byId('entry-what')).toHaveValue('Alex attended every day this week.');
    await fillIn({ 'entry-what': 'Alex attended four days this week.' });
    await userEvent.click(byId('add-entry'));

    expect(requestsFor('chronology_add')).toEqual([
      {
        case_id: 'case-1',
        kind: 'phone_call',
        occurred_at: '2025-02-24T09:00',
        who: 'Class teacher',
        what: 'Alex attended four days this week.',
        corrects: 'e2',
      },
    ]);
    expect(byId('chronology-added')).toHaveTextContent('Correction added: Phone call, 24 February 2025, 9am.');
    expect(document.getElementById('correction-notice')).toBeNull();
    expect(screen.getByRole('heading', { level: 3, name: 'Add an entry' })).toBeInTheDocument();
    expect(
      document.querySelector('[data-entry-id="e2"] .app-chronology__corrections [data-entry-id="e10"]'),
    ).not.toBeNull();
  });

  it('cancels a correction, going back to a blank new entry and the entry’s button', async () => {
    await show();
    await userEvent.click(byId('correct-e2'));
    await userEvent.click(byId('cancel-correction'));
    expect(document.getElementById('correction-notice')).toBeNull();
    expect(byId('entry-who')).toHaveValue('');
    expect(byId('correct-e2')).toHaveFocus();
  });

  it('shows the server’s errors next to their fields, the date’s linked to the day', async () => {
    await show({
      chronology_add: () =>
        fail({
          kind: 'validation',
          message: 'Check the entry',
          fields: [
            { field: 'occurred_at', message: 'A chronology entry cannot be in the future' },
            { field: 'who', message: 'Say who was involved' },
            { field: 'what', message: 'Say what happened' },
          ],
        }),
    });
    await fillIn({ 'entry-year': '2026' });
    await userEvent.click(byId('add-entry'));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'A chronology entry cannot be in the future' })).toHaveAttribute(
      'href',
      '#entry-day',
    );
    expect(within(summary).getByRole('link', { name: 'Say who was involved' })).toHaveAttribute('href', '#entry-who');
    expect(byId('occurred_at-error')).toHaveTextContent('A chronology entry cannot be in the future');
    expect(byId('entry-day').closest('.govuk-form-group--error')).not.toBeNull();
    expect(byId('who-error')).toHaveTextContent('Say who was involved');
    expect(byId('entry-who')).toHaveAttribute('aria-describedby', expect.stringContaining('who-error'));
    expect(byId('what-error')).toHaveTextContent('Say what happened');
    expect(shownEntries()).toHaveLength(2);
  });

  it('puts a time later than now on the time, not the date', async () => {
    await show({
      chronology_add: () =>
        fail({
          kind: 'validation',
          message: 'Check the entry',
          fields: [
            {
              field: 'occurred_time',
              message: 'A chronology entry cannot be in the future: enter a time no later than now (10:07)',
            },
          ],
        }),
    });
    await fillIn({ 'entry-time': '23:55', 'entry-who': 'School', 'entry-what': 'Meeting' });
    await userEvent.click(byId('add-entry'));

    const message = 'A chronology entry cannot be in the future: enter a time no later than now (10:07)';
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: message })).toHaveAttribute('href', '#entry-time');
    expect(byId('occurred_time-error')).toHaveTextContent(message);
    expect(byId('entry-time')).toHaveAttribute('aria-describedby', expect.stringContaining('occurred_time-error'));
    expect(byId('entry-time').closest('.govuk-form-group--error')).not.toBeNull();
    expect(document.getElementById('occurred_at-error')).toBeNull();
    expect(byId('entry-day').closest('.govuk-form-group--error')).toBeNull();
  });

  it('prints with the browser’s print', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    await show();
    await userEvent.click(byId('print-chronology'));
    expect(print).toHaveBeenCalledOnce();
    expect(byId('chronology-print-header')).toHaveTextContent(
      'Alexandra Testpupil (known as Alex), UPN B801200005001, Testschool Synthetic Primary. Printed 5 March 2025, 10:07am.',
    );
    print.mockRestore();
  });

  it('says why the chronology could not be loaded', async () => {
    await show(
      { chronology_list: () => fail({ kind: 'not_found', message: 'No case with that id', id: 'case-1' }) },
      [],
    );
    expect(await screen.findByText('No case with that id')).toBeInTheDocument();
  });
});
