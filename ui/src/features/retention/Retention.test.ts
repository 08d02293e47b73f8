// "Closed cases due for deletion": the cases retention_list returns, each with why and since when;
// nothing is deleted without the warning and "Yes, delete …"; the ids sent to retention_purge; the
// server's errors; and no axe violations on the list or the confirmation step.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RetentionCase, RetentionList } from '../../api';
import { router } from '../../lib/router.svelte';
import { axeViolations } from '../../test/axe';
import { fail, requestsFor, serve } from '../../test/commands';
import Retention from './Retention.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function dueCase(overrides: Partial<RetentionCase> = {}): RetentionCase {
  return {
    id: 'case-1',
    legal_name: 'Testpupil Oldclosed',
    preferred_name: null,
    upn: 'B801200005001',
    school_name: 'Synthetic Secondary School',
    closed_on: '2019-07-15',
    due_on: '2025-07-15',
    why: 'Closed 6 years ago on 15 July 2019',
    ...overrides,
  };
}

function list(cases: RetentionCase[]): RetentionList {
  return { rule: { age_years: 25, years_after_closure: 6, outbox_purge_days: 30 }, cases };
}

const two = () =>
  list([
    dueCase(),
    dueCase({
      id: 'case-2',
      legal_name: 'Testpupil Grownup',
      upn: 'Q801200005002',
      closed_on: '2024-06-01',
      due_on: '2026-03-01',
      why: 'Pupil turned 25 on 1 March 2026',
    }),
  ]);

/** Renders the screen inside a <main>, as the app's layout does (axe wants every part in a landmark). */
function show() {
  const main = document.body.appendChild(document.createElement('main'));
  return render(Retention, { target: main });
}

describe('Retention', () => {
  beforeEach(() => {
    router.go({ name: 'retention' });
  });

  afterEach(() => {
    document.querySelectorAll('main').forEach((main) => main.remove());
  });

  it('lists the cases due with why and since when, under the council’s rule', async () => {
    serve({ retention_list: () => two() });
    show();
    expect(await screen.findByRole('heading', { level: 1, name: /Closed cases due for deletion/ })).toBeInTheDocument();
    expect(await screen.findByText('2 cases due for review for deletion')).toBeInTheDocument();
    expect(document.getElementById('retention-rule')).toHaveTextContent(
      'Your council keeps a closed case until the pupil is 25, or for 6 years after it closed if that is later.',
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Testpupil Oldclosed');
    expect(rows[0]).toHaveTextContent('15 July 2019');
    expect(rows[0]).toHaveTextContent('Closed 6 years ago on 15 July 2019');
    expect(rows[0]).toHaveTextContent('15 July 2025');
    expect(rows[1]).toHaveTextContent('Pupil turned 25 on 1 March 2026');
    expect(screen.getByLabelText('Select Testpupil Grownup')).not.toBeChecked();
    expect(await axeViolations()).toEqual([]);
  });

  it('says so when no case is due', async () => {
    serve({ retention_list: () => list([]) });
    show();
    expect(await screen.findByText('No closed cases are due for review for deletion.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete the selected cases' })).not.toBeInTheDocument();
  });

  it('deletes only after the warning naming how many cases go for ever, and only those ticked', async () => {
    const purge = vi.fn(() => ({ cases: 1, records: 17, export_files: 0 }));
    let listed = two();
    serve({
      retention_list: () => listed,
      retention_purge: (request) => {
        listed = list(listed.cases.filter((c) => !request.ids.includes(c.id)));
        return purge();
      },
    });
    show();
    await userEvent.click(await screen.findByLabelText('Select Testpupil Grownup'));
    await userEvent.click(screen.getByRole('button', { name: 'Delete the selected cases' }));
    expect(purge).not.toHaveBeenCalled();
    const warning = document.getElementById('retention-warning');
    expect(warning).toHaveTextContent('You are about to delete 1 case for ever.');
    expect(warning).toHaveTextContent('cannot be recovered');
    expect(document.getElementById('retention-chosen')).toHaveTextContent('Testpupil Grownup (Q801200005002)');
    expect(document.getElementById('retention-chosen')).not.toHaveTextContent('Testpupil Oldclosed');
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(purge).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Select Testpupil Grownup')).toBeChecked();

    await userEvent.click(screen.getByRole('button', { name: 'Delete the selected cases' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete 1 case for ever' }));
    expect(requestsFor('retention_purge')).toEqual([{ ids: ['case-2'] }]);
    expect(await screen.findByRole('alert')).toHaveTextContent('Deleted 1 case and 17 records about them');
    expect(await screen.findByText('1 case due for review for deletion')).toBeInTheDocument();
    expect(screen.queryByText('Testpupil Grownup')).not.toBeInTheDocument();
  });

  it('shows the server’s refusal when nothing is ticked or a case is not due', async () => {
    serve({
      retention_list: () => two(),
      retention_purge: (request) =>
        request.ids.length === 0
          ? fail({
              kind: 'validation',
              message: 'There is a problem',
              fields: [{ field: 'cases', message: 'Choose at least one case to delete' }],
            })
          : fail({ kind: 'conflict', message: 'Case case-1 is not closed. Nothing was deleted' }),
    });
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'Delete the selected cases' }));
    expect(await screen.findByText('Choose at least one case to delete', { selector: 'a' })).toHaveAttribute(
      'href',
      '#retention-table',
    );
    await userEvent.click(screen.getByLabelText('Select Testpupil Oldclosed'));
    await userEvent.click(screen.getByRole('button', { name: 'Delete the selected cases' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete 1 case for ever' }));
    expect(await screen.findByText('Case case-1 is not closed. Nothing was deleted')).toBeInTheDocument();
  });
});
