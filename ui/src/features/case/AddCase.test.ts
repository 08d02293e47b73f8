// "Add a case": what is sent to case_add, where server field errors appear, and where saving leads.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { caseDetail } from '../../test/fixtures';
import AddCase from './AddCase.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function field(id: string): HTMLInputElement {
  const element = document.getElementById(id);
  if (!(element instanceof HTMLInputElement)) throw new Error(`no input #${id}`);
  return element;
}

function select(id: string): HTMLSelectElement {
  const element = document.getElementById(id);
  if (!(element instanceof HTMLSelectElement)) throw new Error(`no select #${id}`);
  return element;
}

async function fillIn(values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) {
    await userEvent.clear(field(id));
    if (value) await userEvent.type(field(id), value);
  }
}

const complete = {
  legal_name: 'Alexandra Testpupil',
  preferred_name: '',
  'dob-day': '7',
  'dob-month': '3',
  'dob-year': '2015',
  upn: 'B801200005001',
  school_urn: '123456',
  school_name: 'Testschool Synthetic Primary',
  year_group: '5',
};

describe('AddCase', () => {
  beforeEach(() => {
    router.go({ name: 'case-add' });
    // Only the clock is faked: "today" is 5 March 2025 in London.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-05T10:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the fields as typed, composing the date of birth and sending an empty preferred name as null', async () => {
    serve({ case_add: () => caseDetail({ id: 'case-new' }) });
    render(AddCase);
    await fillIn(complete);
    await userEvent.click(screen.getByRole('button', { name: 'Save case' }));
    expect(requestsFor('case_add')).toEqual([
      {
        legal_name: 'Alexandra Testpupil',
        preferred_name: null,
        date_of_birth: '2015-03-07',
        upn: 'B801200005001',
        school_urn: '123456',
        school_name: 'Testschool Synthetic Primary',
        school_phase: '',
        year_group: '5',
        referral_source: '',
        referral_date: '2025-03-05',
      },
    ]);
  });

  it('offers the school phase, not recorded by default, and a referral dated today', async () => {
    serve({});
    render(AddCase);
    const phases = Array.from(select('school_phase').options).map((o) => [o.value, o.text]);
    expect(phases).toEqual([
      ['', 'Not recorded'],
      ['primary', 'Primary'],
      ['secondary', 'Secondary'],
      ['special', 'Special'],
      ['alternative_provision', 'Alternative provision'],
    ]);
    expect(select('school_phase')).toHaveValue('');
    expect(screen.getByLabelText('Referral source (optional)')).toHaveAttribute('id', 'referral_source');
    expect(document.getElementById('referral_source-hint')).toHaveTextContent('School, TSM, social care');
    expect([field('referral-day').value, field('referral-month').value, field('referral-year').value]).toEqual([
      '5',
      '3',
      '2025',
    ]);
  });

  it('sends the chosen phase, the referral source and the referral date as typed', async () => {
    serve({ case_add: () => caseDetail({ id: 'case-new' }) });
    render(AddCase);
    await fillIn({
      ...complete,
      referral_source: 'TSM',
      'referral-day': '24',
      'referral-month': '1',
      'referral-year': '2025',
    });
    await userEvent.selectOptions(select('school_phase'), 'Primary');
    await userEvent.click(screen.getByRole('button', { name: 'Save case' }));
    expect(requestsFor('case_add')[0]).toMatchObject({
      school_phase: 'primary',
      referral_source: 'TSM',
      referral_date: '2025-01-24',
    });
  });

  it('shows a referral date error on the referral date and links to its day field', async () => {
    serve({
      case_add: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'referral_date', message: 'The date of referral cannot be in the future' }],
        }),
    });
    render(AddCase);
    await fillIn({ ...complete, 'referral-year': '2026' });
    await userEvent.click(screen.getByRole('button', { name: 'Save case' }));
    expect(document.getElementById('referral_date-error')).toHaveTextContent('cannot be in the future');
    expect(document.getElementById('referral_date-error')?.closest('fieldset')).toContainElement(field('referral-day'));
    await userEvent.click(screen.getByRole('link', { name: 'The date of referral cannot be in the future' }));
    expect(field('referral-day')).toHaveFocus();
  });

  it('shows the saved case after saving', async () => {
    serve({ case_add: () => caseDetail({ id: 'case-new' }) });
    render(AddCase);
    await fillIn(complete);
    await userEvent.click(screen.getByRole('button', { name: 'Save case' }));
    expect(router.route).toEqual({ name: 'case-view', id: 'case-new' });
  });

  it('shows server field errors next to the right fields and links to them from the summary', async () => {
    serve({
      case_add: () =>
        fail({
          kind: 'validation',
          message: 'There is a problem',
          fields: [
            { field: 'upn', message: 'The UPN check letter is not correct' },
            { field: 'date_of_birth', message: 'Date of birth must be a real date' },
            { field: 'year_group', message: 'Year group must be a number from 0 to 14' },
          ],
        }),
    });
    render(AddCase);
    await fillIn({ ...complete, upn: 'A801200005001', 'dob-day': '31', 'dob-month': '2' });
    await userEvent.click(screen.getByRole('button', { name: 'Save case' }));

    const summary = document.querySelector('.govuk-error-summary');
    expect(summary).toHaveFocus();
    const heading = screen.getByRole('heading', { level: 1, name: 'Add a case' });
    expect(summary!.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('link', { name: 'The UPN check letter is not correct' })).toHaveAttribute('href', '#upn');
    expect(screen.getByRole('link', { name: 'Date of birth must be a real date' })).toHaveAttribute('href', '#dob-day');
    expect(document.getElementById('upn-error')).toHaveTextContent('The UPN check letter is not correct');
    expect(field('upn')).toHaveAttribute('aria-describedby', 'upn-hint upn-error');
    expect(field('upn')).toHaveClass('govuk-input--error');
    expect(document.getElementById('date_of_birth-error')).toHaveTextContent('Date of birth must be a real date');
    expect(document.getElementById('date_of_birth-error')?.closest('fieldset')).toContainElement(field('dob-day'));
    expect(document.getElementById('year_group-error')).toHaveTextContent('from 0 to 14');
    expect(document.getElementById('legal_name-error')).toBeNull();
    expect(field('upn')).toHaveValue('A801200005001');
    expect(router.route.name).toBe('case-add');
  });

  it('moves focus to the day field when the date of birth error link is followed', async () => {
    serve({
      case_add: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'date_of_birth', message: 'Enter a date of birth' }],
        }),
    });
    render(AddCase);
    await userEvent.click(screen.getByRole('button', { name: 'Save case' }));
    expect(requestsFor('case_add')[0]?.date_of_birth).toBe('');
    await userEvent.click(screen.getByRole('link', { name: 'Enter a date of birth' }));
    expect(field('dob-day')).toHaveFocus();
  });

  it('returns to the caseload on Cancel without saving', async () => {
    serve({});
    render(AddCase);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(router.route).toEqual({ name: 'caseload' });
  });
});
