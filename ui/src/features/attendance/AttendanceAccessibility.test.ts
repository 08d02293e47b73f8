// An accessibility scan (axe-core, zero violations; contrast is left to the end-to-end scan) of the
// whole app on "Attendance data", reached from the navigation: with its history, while an import
// runs (the progress bar), after a success, after a cancel, and with a refused file's problems
// and the "Match the columns" form showing. Ids are unique in each state.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { chooseFile, CommandError, type ImportProgress, type ImportView } from '../../api';
import { axeViolations } from '../../test/axe';
import { fail, serve, type Handlers } from '../../test/commands';
import {
  importError,
  importProgress,
  importView,
  MARKS_NAME,
  missingColumnsError,
} from '../../test/attendanceFixtures';
import { dashboard, status } from '../../test/fixtures';

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

function duplicateIds(): string[] {
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

async function openFromNavigation(handlers: Handlers) {
  serve({
    app_status: () => status(),
    dashboard: () => dashboard([]),
    import_list: () => [importView()],
    import_progress: () => null,
    ...handlers,
  });
  render(App);
  await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
  const nav = screen.getByRole('link', { name: 'Attendance data' });
  expect(nav).toHaveAttribute('id', 'nav-attendance');
  await userEvent.click(nav);
  expect(await screen.findByRole('heading', { level: 1, name: 'Attendance data' })).toBeInTheDocument();
  expect(nav).toHaveAttribute('aria-current', 'page');
  await screen.findByRole('table', { name: 'Attendance files imported, newest first' });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('accessibility of the attendance data screen', () => {
  it('finds no axe violations with the history, while an import runs, and after it succeeds', async () => {
    let finish!: (view: ImportView) => void;
    let progress: ImportProgress | null = null;
    await openFromNavigation({
      import_progress: () => progress,
      import_marks_file: () => new Promise<ImportView>((resolve) => (finish = resolve)),
    });
    expect(duplicateIds()).toEqual([]);
    expect(await axeViolations()).toEqual([]);

    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    vi.mocked(chooseFile).mockResolvedValueOnce({ token: 'tok-1', name: MARKS_NAME });
    await userEvent.click(el('import-choose'));
    await userEvent.click(el('import-start'));
    progress = importProgress({ phase: 'saving', rows: 40000, total_rows: 600000 });
    await vi.advanceTimersByTimeAsync(250);
    expect(screen.getByRole('progressbar')).toHaveTextContent('Saving 40,000 of 600,000 rows');
    expect(duplicateIds()).toEqual([]);
    expect(await axeViolations()).toEqual([]);

    finish(importView());
    await screen.findByRole('alert');
    expect(el('import-done')).toBeInTheDocument();
    expect(duplicateIds()).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations after a cancel', async () => {
    await openFromNavigation({
      import_marks_file: () => {
        throw new CommandError({
          kind: 'cancelled',
          message: 'The import was cancelled: nothing from the file was saved',
        });
      },
    });
    vi.mocked(chooseFile).mockResolvedValueOnce({ token: 'tok-1', name: MARKS_NAME });
    await userEvent.click(el('import-choose'));
    await userEvent.click(el('import-start'));
    await screen.findByRole('region', { name: 'Important' });
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations with a refused file’s problems, and with the columns to match', async () => {
    let attempts = 0;
    await openFromNavigation({
      import_marks_file: () => fail(++attempts === 1 ? importError() : missingColumnsError()),
      import_mapping_get: () => ({}),
      import_mapping_set: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'kind', message: 'The column mapping names a field Caseload does not know' }],
        }),
    });
    vi.mocked(chooseFile).mockResolvedValueOnce({ token: 'tok-1', name: MARKS_NAME });
    await userEvent.click(el('import-choose'));
    await userEvent.click(el('import-start'));
    await screen.findByRole('table', { name: /problems in/ });
    expect(duplicateIds()).toEqual([]);
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(el('import-start'));
    await screen.findByRole('form', { name: 'Match the columns' });
    await userEvent.click(el('mapping-save'));
    await screen.findByText('The column mapping names a field Caseload does not know');
    expect(duplicateIds()).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  }, 30_000);
});
