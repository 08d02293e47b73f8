// Viewing and editing a case: the summary list, the prefilled form, and case_update.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { caseDetail } from '../../test/fixtures';
import CaseView from './CaseView.svelte';
import EditCase from './EditCase.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function input(id: string): HTMLInputElement {
  return document.getElementById(id) as HTMLInputElement;
}

describe('CaseView', () => {
  beforeEach(() => {
    router.go({ name: 'case-view', id: 'case-1' });
  });

  it('titles the page with the pupil’s name and lists every field', async () => {
    serve({ case_get: () => caseDetail() });
    render(CaseView, { id: 'case-1' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Alex' })).toHaveAttribute('id', 'page-title');
    const list = document.getElementById('case-summary');
    for (const text of [
      'Alexandra Testpupil',
      '7 March 2015',
      'B801200005001',
      '123456',
      'Testschool Synthetic Primary',
      'Year 5',
      'Referred',
    ]) {
      expect(list).toHaveTextContent(text);
    }
    expect(requestsFor('case_get')).toEqual([{ id: 'case-1' }]);
  });

  it('opens the edit form from Edit and goes back to the caseload from the back link', async () => {
    serve({ case_get: () => caseDetail() });
    render(CaseView, { id: 'case-1' });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit pupil' }));
    expect(router.route).toEqual({ name: 'case-edit', id: 'case-1' });
    await userEvent.click(screen.getByRole('link', { name: 'Back to your caseload' }));
    expect(router.route).toEqual({ name: 'caseload' });
  });

  it('says so when the case does not exist', async () => {
    serve({ case_get: () => fail({ kind: 'not_found', message: 'No case with that id', id: 'case-1' }) });
    render(CaseView, { id: 'case-1' });
    expect(await screen.findByText('No case with that id')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit pupil' })).not.toBeInTheDocument();
  });
});

describe('EditCase', () => {
  beforeEach(() => {
    router.go({ name: 'case-edit', id: 'case-1' });
  });

  it('prefills the form with the case as stored', async () => {
    serve({ case_get: () => caseDetail() });
    render(EditCase, { id: 'case-1' });
    await screen.findByRole('button', { name: 'Save changes' });
    expect(input('legal_name')).toHaveValue('Alexandra Testpupil');
    expect(input('preferred_name')).toHaveValue('Alex');
    expect(input('dob-day')).toHaveValue('7');
    expect(input('dob-month')).toHaveValue('3');
    expect(input('dob-year')).toHaveValue('2015');
    expect(input('upn')).toHaveValue('B801200005001');
    expect(input('school_urn')).toHaveValue('123456');
    expect(input('school_name')).toHaveValue('Testschool Synthetic Primary');
    expect(input('year_group')).toHaveValue('5');
    expect(input('school_phase')).toHaveValue('primary');
    expect(document.getElementById('referral_source')).toBeNull(); // the referral is not edited here
  });

  it('sends case_update with the id and the edited pupil, then shows the case', async () => {
    serve({ case_get: () => caseDetail(), case_update: () => caseDetail() });
    render(EditCase, { id: 'case-1' });
    await screen.findByRole('button', { name: 'Save changes' });
    await userEvent.clear(input('year_group'));
    await userEvent.type(input('year_group'), '6');
    await userEvent.clear(input('preferred_name'));
    await userEvent.selectOptions(input('school_phase'), 'Secondary');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(requestsFor('case_update')).toEqual([
      {
        id: 'case-1',
        pupil: {
          legal_name: 'Alexandra Testpupil',
          preferred_name: null,
          date_of_birth: '2015-03-07',
          upn: 'B801200005001',
          school_urn: '123456',
          school_name: 'Testschool Synthetic Primary',
          school_phase: 'secondary',
          year_group: '6',
        },
      },
    ]);
    expect(router.route).toEqual({ name: 'case-view', id: 'case-1' });
  });

  it('keeps the worker on the form with the server’s message when the update is invalid', async () => {
    serve({
      case_get: () => caseDetail(),
      case_update: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'school_urn', message: 'School URN must be 6 digits' }],
        }),
    });
    render(EditCase, { id: 'case-1' });
    await screen.findByRole('button', { name: 'Save changes' });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(document.getElementById('school_urn-error')).toHaveTextContent('School URN must be 6 digits');
    expect(router.route).toEqual({ name: 'case-edit', id: 'case-1' });
  });
});
