// The pupil's household in the family section: renaming the family, adding and removing carers,
// linking a sibling found by searching the caseload, and adding another child, each re-rendered
// from the PupilFamilyView returned, with field errors in place.
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../api';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor } from '../../test/commands';
import { carer, familyView, searchHit } from '../../test/fixtures';
import { el, fillIn, showFamily, withFamily } from './testing';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

describe('family and details', () => {
  beforeEach(() => {
    router.go({ name: 'case-view', id: 'case-1' });
  });

  it('renames the family and shows the name returned', async () => {
    await showFamily(familyView(), { family_name_set: ({ name }) => withFamily({ name }) });
    await userEvent.click(el('rename-family'));
    expect(el('family_name')).toHaveValue('Testpupil family');
    expect(el('family_name')).toHaveFocus();
    await fillIn({ family_name: 'Testparent-Testpupil family' });
    await userEvent.click(el('save-family-name'));
    expect(requestsFor('family_name_set')).toEqual([{ case_id: 'case-1', name: 'Testparent-Testpupil family' }]);
    expect(el('family-name')).toHaveTextContent('Testparent-Testpupil family');
    expect(el('family-saved')).toHaveFocus();
  });

  it('shows a family name error next to the field', async () => {
    await showFamily(familyView(), {
      family_name_set: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'family_name', message: 'Enter the family name' }],
        }),
    });
    await userEvent.click(el('rename-family'));
    await fillIn({ family_name: '' });
    await userEvent.click(el('save-family-name'));
    expect(el('family_name-error')).toHaveTextContent('Enter the family name');
  });

  it('adds a parent with parental responsibility and shows the carers returned', async () => {
    const added = carer({ id: 'carer-2', name: 'Mr Testparent', relationship: 'Dad', phone: null, email: null });
    await showFamily(familyView({ family: null }), {
      carer_add: () => withFamily({ carers: [added] }),
    });
    await fillIn({ 'carer-name': 'Mr Testparent', 'carer-relationship': 'Dad' });
    await userEvent.click(screen.getByLabelText('Has parental responsibility'));
    await userEvent.click(el('add-carer'));
    expect(requestsFor('carer_add')).toEqual([
      { case_id: 'case-1', name: 'Mr Testparent', relationship: 'Dad', parental_responsibility: true },
    ]);
    expect(within(el('carers-table')).getByRole('rowheader', { name: 'Mr Testparent' })).toBeInTheDocument();
    expect(el('family-saved')).toHaveTextContent('Mr Testparent added to the parents and carers.');
    expect(el('carer-name')).toHaveValue('');
    expect(el('carer-pr')).not.toBeChecked();
  });

  it('sends phone and email when given, and shows their errors next to the fields', async () => {
    await showFamily(familyView(), {
      carer_add: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'carer_name', message: "Enter the parent or carer's name" },
            { field: 'email', message: 'Enter an email address like name@example.com' },
          ],
        }),
    });
    await fillIn({ 'carer-relationship': 'Aunt', 'carer-phone': '07700 900999', 'carer-email': 'not-an-email' });
    await userEvent.click(el('add-carer'));
    expect(requestsFor('carer_add')).toEqual([
      {
        case_id: 'case-1',
        name: '',
        relationship: 'Aunt',
        phone: '07700 900999',
        email: 'not-an-email',
        parental_responsibility: false,
      },
    ]);
    expect(el('carer-name-error')).toHaveTextContent("Enter the parent or carer's name");
    expect(el('carer-email-error')).toHaveTextContent('Enter an email address like name@example.com');
    expect(within(screen.getByRole('alert')).getByRole('link', { name: /email address/ })).toHaveAttribute(
      'href',
      '#carer-email',
    );
  });

  it('removes a carer and shows the carers returned', async () => {
    await showFamily(familyView(), { carer_remove: () => withFamily({ carers: [] }) });
    await userEvent.click(el('remove-carer-carer-1'));
    expect(requestsFor('carer_remove')).toEqual([{ case_id: 'case-1', carer_id: 'carer-1' }]);
    expect(document.getElementById('carers-table')).toBeNull();
    expect(el('family-saved')).toHaveTextContent('Ms Testparent removed from the parents and carers.');
  });

  it('shows the server’s error when a carer cannot be removed, and keeps the carer', async () => {
    await showFamily(familyView(), {
      carer_remove: () => fail({ kind: 'conflict', message: 'That carer is no longer recorded.' }),
    });
    await userEvent.click(el('remove-carer-carer-1'));
    expect(screen.getByRole('alert')).toHaveTextContent('That carer is no longer recorded.');
    expect(el('carer-carer-1')).toBeInTheDocument();
    expect(el('remove-carer-carer-1')).toBeEnabled();
  });

  it('ignores a sibling search answer that arrives after the answer to a later query', async () => {
    const answers: Record<string, (hits: SearchHit[]) => void> = {};
    await showFamily(withFamily({ siblings: [] }), {
      search: ({ query }) => new Promise<SearchHit[]>((resolve) => (answers[query] = resolve)),
    });
    await userEvent.type(el('sibling-search'), 'Do');
    expect(requestsFor('search')).toEqual([{ query: 'D' }, { query: 'Do' }]);
    answers.Do([searchHit({ case_id: 'case-4', legal_name: 'Dora Testpupil', preferred_name: null })]);
    await vi.waitFor(() => el('link-sibling-case-4'));
    answers.D([searchHit({ case_id: 'case-5', legal_name: 'Dan Testpupil', preferred_name: null })]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.getElementById('link-sibling-case-5')).toBeNull();
    expect(el('link-sibling-case-4')).toBeInTheDocument();
  });

  it('searches the caseload as the worker types, leaves out the pupil themselves and links the sibling chosen', async () => {
    const linked = withFamily({
      siblings: [
        {
          case_id: 'case-3',
          legal_name: 'Bertram Testpupil',
          preferred_name: null,
          school_name: 'Testschool High',
          year_group: 10,
        },
      ],
    });
    await showFamily(withFamily({ siblings: [] }), {
      search: () => [
        searchHit({ case_id: 'case-1' }),
        searchHit({
          case_id: 'case-3',
          legal_name: 'Bertram Testpupil',
          preferred_name: null,
          school_name: 'Testschool High',
        }),
      ],
      sibling_link: () => linked,
    });
    await userEvent.type(el('sibling-search'), 'Testp');
    expect(requestsFor('search').at(-1)).toEqual({ query: 'Testp' });
    const results = await vi.waitFor(() => el('sibling-results'));
    expect(within(results).getAllByRole('listitem')).toHaveLength(1);
    expect(document.getElementById('link-sibling-case-1')).toBeNull();
    expect(results).toHaveTextContent('Testschool High, UPN B801200005001');

    await userEvent.click(el('link-sibling-case-3'));
    expect(requestsFor('sibling_link')).toEqual([{ case_id: 'case-1', sibling_case_id: 'case-3' }]);
    expect(within(el('siblings-list')).getByRole('link', { name: 'Bertram Testpupil' })).toHaveAttribute(
      'data-case-id',
      'case-3',
    );
    expect(el('sibling-search')).toHaveValue('');
    expect(document.getElementById('sibling-results')).toBeNull();
    expect(el('family-saved')).toHaveTextContent('Bertram Testpupil linked as a sibling.');
    expect(el('family-saved')).toHaveFocus();
  });

  it('says when no other pupil matches, and marks a sibling already linked', async () => {
    await showFamily(familyView(), {
      search: ({ query }) =>
        query.startsWith('Sam')
          ? [searchHit({ case_id: 'case-2', legal_name: 'Samira Testpupil', preferred_name: 'Sam' })]
          : [searchHit()],
    });
    await userEvent.type(el('sibling-search'), 'Alex');
    expect(await vi.waitFor(() => el('sibling-no-match'))).toHaveTextContent(
      'No other pupil on your caseload matches “Alex”.',
    );
    await userEvent.clear(el('sibling-search'));
    await userEvent.type(el('sibling-search'), 'Sam');
    expect(await vi.waitFor(() => el('sibling-results'))).toHaveTextContent('Already linked');
    expect(document.getElementById('link-sibling-case-2')).toBeNull();
  });

  it('shows the server’s sibling error next to the search box', async () => {
    await showFamily(familyView(), {
      search: () => [searchHit({ case_id: 'case-4', legal_name: 'Dora Testpupil', preferred_name: null })],
      sibling_link: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            {
              field: 'sibling',
              message: 'That pupil is already in another family with other members: check which family is right first',
            },
          ],
        }),
    });
    await userEvent.type(el('sibling-search'), 'Dora');
    await userEvent.click(await vi.waitFor(() => el('link-sibling-case-4')));
    expect(el('sibling-error')).toHaveTextContent('That pupil is already in another family');
    expect(el('sibling-search')).toHaveAttribute('aria-describedby', 'sibling-hint sibling-error');
    expect(within(screen.getByRole('alert')).getByRole('link', { name: /already in another family/ })).toHaveAttribute(
      'href',
      '#sibling-search',
    );
  });

  it('adds another child in the household with a date of birth and school', async () => {
    const child = {
      id: 'child-2',
      name: 'Tiny Testpupil',
      date_of_birth: '2021-09-14',
      school_name: 'Testschool Nursery',
    };
    await showFamily(familyView(), {
      family_child_add: () => withFamily({ other_children: [...familyView().family!.other_children, child] }),
    });
    await fillIn({
      'child-name': 'Tiny Testpupil',
      'child-dob-day': '14',
      'child-dob-month': '9',
      'child-dob-year': '2021',
      'child-school': 'Testschool Nursery',
    });
    await userEvent.click(el('add-child'));
    expect(requestsFor('family_child_add')).toEqual([
      { case_id: 'case-1', name: 'Tiny Testpupil', date_of_birth: '2021-09-14', school_name: 'Testschool Nursery' },
    ]);
    expect(el('children-list')).toHaveTextContent('Tiny Testpupil Born 14 September 2021, Testschool Nursery');
    expect(el('child-name')).toHaveValue('');
  });

  it('shows a child’s name and date of birth errors next to their fields', async () => {
    await showFamily(familyView(), {
      family_child_add: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'name', message: "Enter the child's name" },
            { field: 'date_of_birth', message: 'The date of birth cannot be in the future' },
          ],
        }),
    });
    await fillIn({ 'child-dob-day': '1', 'child-dob-month': '1', 'child-dob-year': '2099' });
    await userEvent.click(el('add-child'));
    expect(requestsFor('family_child_add')).toEqual([{ case_id: 'case-1', name: '', date_of_birth: '2099-01-01' }]);
    expect(el('child-name-error')).toHaveTextContent("Enter the child's name");
    expect(el('child-dob-error')).toHaveTextContent('The date of birth cannot be in the future');
    expect(within(screen.getByRole('alert')).getByRole('link', { name: /date of birth/ })).toHaveAttribute(
      'href',
      '#child-dob-day',
    );
  });
});
