// "Case funnel": the default period and its funnel shown at once, what is sent to report_funnel,
// the bar chart of the rows by phase and the table of them with the improved share, and where
// period errors go.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { funnelReport } from '../../test/fixtures';
import Funnel from './Funnel.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function input(id: string): HTMLInputElement {
  return document.getElementById(id) as HTMLInputElement;
}

function dateOf(prefix: string): string[] {
  return ['day', 'month', 'year'].map((part) => input(`${prefix}-${part}`).value);
}

describe('Funnel', () => {
  beforeEach(() => {
    router.go({ name: 'reports' });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts the period on 1 September of the current school year and ends it today', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-05T10:00:00Z') });
    serve({ report_funnel: () => funnelReport() });
    render(Funnel);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Case funnel');
    expect(dateOf('from')).toEqual(['1', '9', '2024']);
    expect(dateOf('to')).toEqual(['5', '3', '2025']);
  });

  it('starts a new school year on 1 September', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-09-02T10:00:00Z') });
    serve({ report_funnel: () => funnelReport() });
    render(Funnel);
    expect(dateOf('from')).toEqual(['1', '9', '2025']);
  });

  it('shows the funnel for the default period at once, without the button being pressed', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-05T10:00:00Z') });
    serve({ report_funnel: () => funnelReport() });
    render(Funnel);
    expect(await screen.findByRole('table')).toHaveAttribute('id', 'funnel-table');
    expect(requestsFor('report_funnel')).toEqual([{ from: '2024-09-01', to: '2025-03-05' }]);
  });

  it('runs the report for the period typed and shows each row by phase with the improved share', async () => {
    serve({ report_funnel: () => funnelReport() });
    render(Funnel);
    await screen.findByRole('table');
    for (const [id, value] of Object.entries({
      'from-day': '1',
      'from-month': '9',
      'from-year': '2024',
      'to-day': '5',
      'to-month': '3',
      'to-year': '2025',
    })) {
      await userEvent.clear(input(id));
      await userEvent.type(input(id), value);
    }
    await userEvent.click(screen.getByRole('button', { name: 'Show the funnel' }));
    expect(requestsFor('report_funnel').at(-1)).toEqual({ from: '2024-09-01', to: '2025-03-05' });

    const table = screen.getByRole('table');
    expect(table).toHaveAttribute('id', 'funnel-table');
    expect(within(table).getByRole('columnheader', { name: 'Primary' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Secondary' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Total' })).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(8);
    expect(rows[1]).toHaveAttribute('data-key', 'cases_accepted');
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '1', '4']);
    expect(rows[4]).toHaveTextContent('Closed after the 6-week cycle');
    expect(rows[5]).toHaveTextContent('Closed with attendance improved');
    expect(within(rows[7]!).getByRole('rowheader')).toHaveTextContent(
      'Closed with attendance improved, % of those closed after the 6-week cycle',
    );
    expect(
      within(rows[7]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['50.0%', 'None closed', '50.0%']);
    expect(table).toHaveTextContent('Case funnel, 1 September 2024 to 5 March 2025');
  });

  it('draws the funnel as a bar chart by phase with a name, the table beside it carrying the figures', async () => {
    serve({ report_funnel: () => funnelReport() });
    render(Funnel);
    const chart = await screen.findByRole('img', {
      name: 'Bar chart: cases at each stage of the funnel, primary and secondary, 1 September 2024 to 5 March 2025. The table below gives the same figures.',
    });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart).toHaveAttribute('id', 'funnel-chart');
    expect(chart.querySelector('style')).toBeNull();
    expect(chart.querySelector('[aria-label]')).toBeNull();
    // A bar per stage and phase, each labelled with its phase and count (no colour key needed).
    expect(chart.querySelectorAll('rect')).toHaveLength(14);
    const labels = [...chart.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toContain('Primary 2');
    expect(labels).toContain('Secondary 1');
    expect(labels).toContain('Cases triaged');
    expect(screen.getByRole('heading', { level: 2, name: 'Cases at each stage, primary and secondary' })).toBeVisible();
    expect(screen.getByRole('table')).toHaveAttribute('id', 'funnel-table');
  });

  it('shows an error on the end date and links it from the summary', async () => {
    serve({
      report_funnel: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'to', message: 'The period must end on or after its start' }],
        }),
    });
    render(Funnel);
    await userEvent.click(screen.getByRole('button', { name: 'Show the funnel' }));
    expect(document.querySelector('.govuk-error-summary')).toHaveFocus();
    expect(input('to-error')).toHaveTextContent('The period must end on or after its start');
    await userEvent.click(screen.getByRole('link', { name: 'The period must end on or after its start' }));
    expect(input('to-day')).toHaveFocus();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
