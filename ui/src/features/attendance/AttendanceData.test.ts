// "Attendance data": choosing the kind and the file (the backend's chooser: a token and a name, never
// a path), the import command
// sent once with polling every 250 ms until it settles, the progress bar in words, cancelling,
// what a success, a cancel and a refused file show (problems, then matching the columns and
// importing again), the history refreshed after each import, and following an import that was
// already running when the screen opened. The axe scans are in AttendanceAccessibility.test.ts.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseFile, CommandError, type ImportProgress, type ImportView } from '../../api';
import { deferred, fail, requestsFor, serve, type Handlers } from '../../test/commands';
import {
  importError,
  importProgress,
  importView,
  MARKS_NAME,
  missingColumnsError,
} from '../../test/attendanceFixtures';
import AttendanceData from './AttendanceData.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
  chooseFile: vi.fn(),
}));

function el<T extends HTMLElement = HTMLInputElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as T;
}

/** Fakes the polling interval only; userEvent's own delays use the real setTimeout. */
function pollingClock() {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
}

const EARLIER = importView({
  id: 6,
  kind: 'summary',
  file_name: 'Demo summaries.xlsx',
  rows: 1500,
  pupils: 1500,
  on_caseload: null,
  first_date: '2026-02-27',
  last_date: '2026-02-27',
  imported_at: '2026-02-28T09:00:00Z',
});

async function open(handlers: Handlers = {}) {
  serve({ import_list: () => [EARLIER], import_progress: () => null, ...handlers });
  render(AttendanceData);
  await screen.findByRole('table', { name: 'Attendance files imported, newest first' });
}

/** The backend's answer for a chosen file: an opaque token and the name to show. */
function chosen(name = MARKS_NAME) {
  return { token: `tok-${name}`, name };
}

async function importChosen(name = MARKS_NAME) {
  vi.mocked(chooseFile).mockResolvedValueOnce(chosen(name));
  await userEvent.click(el('import-choose'));
  await userEvent.click(el('import-start'));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the attendance data screen', () => {
  it('lists earlier imports with when, file, kind, rows, pupils and dates', async () => {
    await open({ import_list: () => [importView(), EARLIER] });
    const rows = within(el('import-history')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveAttribute('id', 'import-7');
    expect(rows[0]).toHaveTextContent('5 March 2026, 10:15am');
    expect(rows[0]).toHaveTextContent('Demo Brook marks autumn.csv');
    expect(rows[0]).toHaveTextContent('Session marks');
    expect(rows[0]).toHaveTextContent('600,000');
    expect(rows[0]).toHaveTextContent('1,500');
    expect(rows[0]).toHaveTextContent('3 September 2025 to 4 March 2026');
    expect(rows[1]).toHaveTextContent('Pupil attendance summaries');
    expect(rows[1]).toHaveTextContent('27 February 2026');
  });

  it('says when nothing has been imported yet', async () => {
    serve({ import_list: () => [], import_progress: () => null });
    render(AttendanceData);
    expect(await screen.findByText('No attendance files have been imported yet.')).toHaveAttribute(
      'id',
      'import-history-empty',
    );
  });

  it('shows the name of the file chosen in the backend’s chooser, and keeps it when the chooser is closed', async () => {
    await open();
    vi.mocked(chooseFile).mockResolvedValueOnce(chosen()).mockResolvedValueOnce(null);
    expect(el('import-file')).toHaveTextContent('No file chosen');
    await userEvent.click(el('import-choose'));
    expect(chooseFile).toHaveBeenCalledWith('import');
    expect(el('import-file')).toHaveTextContent(MARKS_NAME);
    await userEvent.click(el('import-choose'));
    expect(el('import-file')).toHaveTextContent(MARKS_NAME);
    expect(document.getElementById('import-path')).toBeNull();
  });

  it('asks for a file before importing, and sends nothing', async () => {
    await open();
    await userEvent.click(el('import-start'));
    expect(await screen.findByRole('link', { name: 'Choose the file to import' })).toHaveAttribute(
      'href',
      '#import-choose',
    );
    expect(el('file-error')).toHaveTextContent('Choose the file to import');
    expect(requestsFor('import_marks_file')).toEqual([]);
  });

  it('sends the import once, polls its progress every 250 ms while it runs, shows it in words, and stops when it settles', async () => {
    pollingClock();
    const job = deferred<ImportView>();
    let progress: ImportProgress | null = null;
    let history = [EARLIER];
    await open({ import_list: () => history, import_progress: () => progress, import_marks_file: () => job.promise });
    await importChosen();
    expect(requestsFor('import_marks_file')).toEqual([{ chosen: `tok-${MARKS_NAME}` }]);
    expect(requestsFor('import_progress')).toHaveLength(1); // the check as the screen opened
    expect(el('import-start')).toBeDisabled();
    expect(el('import-progress-text')).toHaveTextContent('Starting the import…');
    await waitFor(() => expect(el('import-running-title')).toHaveFocus());

    progress = importProgress();
    await vi.advanceTimersByTimeAsync(250);
    expect(requestsFor('import_progress')).toHaveLength(2);
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('id', 'import-progress');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    expect(bar).toHaveAttribute('aria-valuenow', '20');
    expect(bar).toHaveTextContent('Reading the file… 120,000 rows');

    progress = importProgress({ phase: 'saving', rows: 40000, total_rows: 600000 });
    await vi.advanceTimersByTimeAsync(250);
    expect(bar).toHaveAttribute('aria-valuenow', '6');
    expect(bar).toHaveTextContent('Saving 40,000 of 600,000 rows');
    expect(bar).toHaveAttribute('aria-valuetext', 'Saving 40,000 of 600,000 rows');

    history = [importView(), EARLIER];
    job.resolve(importView());
    const done = await screen.findByRole('alert');
    expect(done).toHaveAttribute('id', 'import-done');
    expect(done).toHaveTextContent(
      'Imported Demo Brook marks autumn.csv: 600,000 rows, 1,500 pupils (12 on your caseload), marks from 3 September 2025 to 4 March 2026.',
    );
    await waitFor(() => expect(done).toHaveFocus());
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(el('import-start')).toBeEnabled();
    expect(el('import-file')).toHaveTextContent('No file chosen');
    await waitFor(() => expect(within(el('import-history')).getAllByRole('row')).toHaveLength(3));
    expect(requestsFor('import_list')).toHaveLength(2);

    const polls = requestsFor('import_progress').length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(requestsFor('import_progress')).toHaveLength(polls);
  });

  it('imports pupil summaries with the summary command', async () => {
    await open({
      import_summary_file: () =>
        importView({
          kind: 'summary',
          file_name: 'summaries.xlsx',
          rows: 2,
          pupils: 2,
          on_caseload: 1,
          first_date: '2026-03-04',
          last_date: '2026-03-04',
        }),
    });
    await userEvent.click(el('import-kind-summary'));
    await importChosen('summaries.xlsx');
    expect(requestsFor('import_summary_file')).toEqual([{ chosen: 'tok-summaries.xlsx' }]);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Imported summaries.xlsx: 2 rows, 2 pupils (1 on your caseload), figures as at 4 March 2026.',
    );
  });

  it('cancels a running import, and says nothing from the file was saved', async () => {
    pollingClock();
    const job = deferred<ImportView>();
    let progress: ImportProgress | null = null;
    await open({ import_progress: () => progress, import_marks_file: () => job.promise, import_cancel: () => true });
    await importChosen();
    progress = importProgress({ phase: 'saving', rows: 40000, total_rows: 600000 });
    await vi.advanceTimersByTimeAsync(250);
    const cancel = screen.getByRole('button', { name: 'Cancel import' });
    expect(cancel).toHaveAttribute('id', 'import-cancel');
    await userEvent.click(cancel);
    expect(requestsFor('import_cancel')).toEqual([null]);
    expect(el('import-cancel')).toBeDisabled();
    expect(el('import-cancel')).toHaveTextContent('Cancelling…');

    job.reject(
      new CommandError({ kind: 'cancelled', message: 'The import was cancelled: nothing from the file was saved' }),
    );
    const banner = await screen.findByRole('region', { name: 'Important' });
    expect(banner).toHaveAttribute('id', 'import-cancelled');
    expect(banner).toHaveTextContent('Import cancelled: nothing from the file was saved.');
    await waitFor(() => expect(banner).toHaveFocus());
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('lists the problems of a refused file by row and column, with what to do', async () => {
    await open({ import_marks_file: () => fail(importError()) });
    await importChosen();
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(
      'Demo Brook marks autumn.csv was not imported: 2 rows have problems. Nothing was saved',
    );
    const table = el('import-problems');
    expect(within(table).getByText('2 problems in')).toBeInTheDocument();
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Row', 'Column', 'Problem', 'What to do']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(
      '14codeUnknown attendance code "H"Use a code in force from 19 August 2024 (H was retired)',
    );
    expect(rows[1]).toHaveTextContent('230date');
    expect(document.getElementById('import-mapping')).toBeNull();
    expect(requestsFor('import_list')).toHaveLength(2);
  });

  it('shows an unreadable file as the file field’s error', async () => {
    await open({
      import_marks_file: () =>
        fail({ kind: 'file', message: 'The file /nowhere.csv could not be read', path: '/nowhere.csv' }),
    });
    await importChosen('nowhere.csv');
    expect(await screen.findByRole('link', { name: 'The file /nowhere.csv could not be read' })).toHaveAttribute(
      'href',
      '#import-choose',
    );
    expect(el('file-error')).toHaveTextContent('The file /nowhere.csv could not be read');
  });

  it('matches missing columns to the file’s headers, saves the mapping with the saved one, and imports the file again', async () => {
    let attempts = 0;
    await open({
      import_marks_file: () => (++attempts === 1 ? fail(missingColumnsError()) : importView()),
      import_mapping_get: () => ({ date: 'Date', code: 'Old mark' }),
      import_mapping_set: (req) => req.mapping,
    });
    await importChosen();
    const form = await screen.findByRole('form', { name: 'Match the columns' });
    expect(form).toHaveAttribute('id', 'import-mapping');
    expect(screen.getByText(/has no column Caseload recognises as the UPN and attendance code/)).toBeInTheDocument();
    expect(el('import-problems')).toHaveTextContent('No column for UPN, attendance code');
    const upn = el<HTMLSelectElement>('mapping-upn');
    expect(screen.getByLabelText('Column for the UPN')).toBe(upn);
    expect([...upn.options].map((o) => o.text)).toEqual(['Choose a column', 'Pupil ref', 'Date', 'Session', 'Mark']);
    await userEvent.selectOptions(upn, 'Pupil ref');
    await userEvent.selectOptions(el<HTMLSelectElement>('mapping-code'), 'Mark');
    await userEvent.click(el('mapping-save'));

    expect(requestsFor('import_mapping_get')).toEqual([{ kind: 'marks' }]);
    expect(requestsFor('import_mapping_set')).toEqual([
      { kind: 'marks', mapping: { date: 'Date', upn: 'Pupil ref', code: 'Mark' } },
    ]);
    const token = { chosen: `tok-${MARKS_NAME}` };
    await waitFor(() => expect(requestsFor('import_marks_file')).toEqual([token, token]));
    expect(await screen.findByRole('alert')).toHaveAttribute('id', 'import-done');
    expect(document.getElementById('import-mapping')).toBeNull();
  });

  it('retries with the kind and file that failed, even if the form has changed since', async () => {
    let attempts = 0;
    await open({
      import_marks_file: () => (++attempts === 1 ? fail(missingColumnsError()) : importView()),
      import_mapping_get: () => ({}),
      import_mapping_set: (req) => req.mapping,
    });
    await importChosen();
    await screen.findByRole('form', { name: 'Match the columns' });
    await userEvent.click(el('import-kind-summary'));
    vi.mocked(chooseFile).mockResolvedValueOnce(chosen('other.csv'));
    await userEvent.click(el('import-choose'));
    await userEvent.selectOptions(el<HTMLSelectElement>('mapping-upn'), 'Pupil ref');
    await userEvent.click(el('mapping-save'));
    expect(requestsFor('import_mapping_set')).toEqual([{ kind: 'marks', mapping: { upn: 'Pupil ref' } }]);
    await waitFor(() => expect(requestsFor('import_marks_file')).toHaveLength(2));
    expect(requestsFor('import_marks_file')[1]).toEqual({ chosen: `tok-${MARKS_NAME}` });
  });

  it('follows an import that was already running when the screen opened, then refreshes the history', async () => {
    pollingClock();
    let progress: ImportProgress | null = importProgress({ phase: 'saving', rows: 300000, total_rows: 600000 });
    let history = [EARLIER];
    await open({ import_list: () => history, import_progress: () => progress, import_cancel: () => true });
    expect(await screen.findByRole('progressbar')).toHaveTextContent('Saving 300,000 of 600,000 rows');
    expect(el('import-running-title')).toHaveTextContent('Importing Demo Brook marks autumn.csv');
    expect(el('import-cancel')).toBeEnabled();

    progress = null;
    history = [importView(), EARLIER];
    await vi.advanceTimersByTimeAsync(250);
    expect(await screen.findByRole('region', { name: 'Important' })).toHaveTextContent(
      'The import of Demo Brook marks autumn.csv has stopped. If it finished, it is listed in the import history.',
    );
    await waitFor(() => expect(within(el('import-history')).getAllByRole('row')).toHaveLength(3));
  });

  it('starts no polling when the screen is left before it hears of a running import', async () => {
    pollingClock();
    const answer = deferred<ImportProgress | null>();
    serve({ import_list: () => [EARLIER], import_progress: () => answer.promise });
    const { unmount } = render(AttendanceData);
    await screen.findByRole('table', { name: 'Attendance files imported, newest first' });
    unmount();
    answer.resolve(importProgress());
    await vi.advanceTimersByTimeAsync(1000);
    expect(requestsFor('import_progress')).toHaveLength(1);
  });
});
