// The pupil's family and details: what family_get returns (address, flags, key professionals,
// carers, siblings, other children), "Edit details" (pupil_details_set), renaming the family,
// adding and removing carers, linking a sibling found by searching the caseload, and adding
// another child, each re-rendered from the PupilFamilyView returned, with field errors in place.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PupilFamilyView, SearchHit } from '../../api';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve, type Handlers } from '../../test/commands';
import { carer, familyView, searchHit } from '../../test/fixtures';
import FamilySection from './FamilySection.svelte';

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

async function showFamily(view: PupilFamilyView, handlers: Handlers = {}) {
  serve({ family_get: () => view, ...handlers });
  render(FamilySection, { caseId: 'case-1' });
  await screen.findByRole('button', { name: 'Edit details' });
}

const withFamily = (family: Partial<NonNullable<PupilFamilyView['family']>>): PupilFamilyView => {
  const base = familyView();
  return { ...base, family: { ...base.family!, ...family } };
};

describe('family and details', () => {
  beforeEach(() => {
    router.go({ name: 'case-view', id: 'case-1' });
  });

  it('shows the address, postcode, ward, flags as tags and key professionals it fetched', async () => {
    await showFamily(familyView());
    expect(requestsFor('family_get')).toEqual([{ case_id: 'case-1' }]);
    expect(screen.getByRole('heading', { level: 2, name: 'Family and details' })).toBeInTheDocument();
    expect(el('details-address')).toHaveTextContent('1 Synthetic Street Testtown');
    expect(el('details-postcode')).toHaveTextContent('ZZ99 1ZZ');
    expect(el('details-ward')).toHaveTextContent('Testward');
    const tags = el('details-flags').querySelectorAll('.govuk-tag');
    expect(Array.from(tags).map((t) => t.textContent)).toEqual(['Free school meals', 'EBSA']);
    expect(el('details-professionals')).toHaveTextContent('School nurse: Mr Testnurse, Testshire NHS 0117 496 0000');
  });

  it('shows the family’s name, carers with parental responsibility, siblings as links and other children', async () => {
    await showFamily(
      withFamily({
        carers: [
          carer(),
          carer({
            id: 'carer-2',
            name: 'Mr Testparent',
            relationship: 'Dad',
            phone: null,
            email: null,
            parental_responsibility: false,
          }),
        ],
      }),
    );
    expect(el('family-name')).toHaveTextContent('Testpupil family');
    const rows = within(el('carers-table')).getAllByRole('row').slice(1);
    const cells = (row: HTMLElement) =>
      Array.from(row.querySelectorAll('th, td')).map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells(rows[0]).slice(0, 4)).toEqual(['Ms Testparent', 'Mum', '07700 900123 testparent@example.com', 'Yes']);
    expect(cells(rows[1]).slice(0, 4)).toEqual(['Mr Testparent', 'Dad', 'Not given', 'No']);
    expect(within(rows[1]).getByRole('button')).toHaveAttribute('id', 'remove-carer-carer-2');
    const sibling = within(el('siblings-list')).getByRole('link', { name: 'Sam' });
    expect(sibling).toHaveAttribute('data-case-id', 'case-2');
    expect(el('siblings-list')).toHaveTextContent('Testschool Synthetic Academy, Year 9');
    expect(el('children-list')).toHaveTextContent('Baby Testpupil Born 1 June 2023');
  });

  it('opens a sibling’s case from its link', async () => {
    await showFamily(familyView());
    await userEvent.click(within(el('siblings-list')).getByRole('link', { name: 'Sam' }));
    expect(router.route).toEqual({ name: 'case-view', id: 'case-2' });
  });

  it('says no family is recorded yet and offers to name one', async () => {
    await showFamily(familyView({ family: null }));
    expect(el('family-name')).toHaveTextContent('No family has been recorded yet');
    expect(el('rename-family')).toHaveTextContent('Name the family');
    expect(el('no-carers')).toBeInTheDocument();
    expect(el('no-siblings')).toBeInTheDocument();
    expect(el('no-children')).toBeInTheDocument();
  });

  it('edits the details: sends address, postcode, ward, ticked flags and key professionals, and shows what came back', async () => {
    const saved = familyView({ postcode: 'ZZ99 3ZZ', flags: ['fsm', 'young_carer'], key_professionals: [] });
    await showFamily(familyView(), { pupil_details_set: () => saved });
    await userEvent.click(screen.getByRole('button', { name: 'Edit details' }));
    expect(screen.getByRole('heading', { level: 3, name: 'Edit details' })).toHaveFocus();
    expect(el('address')).toHaveValue('1 Synthetic Street\nTesttown');
    expect(el('flag-fsm')).toBeChecked();
    expect(el('flag-ebsa')).toBeChecked();
    expect(el('kp-0-role')).toHaveValue('School nurse');

    await fillIn({ postcode: 'zz99 3zz', ward: '' });
    await userEvent.click(el('flag-ebsa'));
    await userEvent.click(el('flag-young_carer'));
    await userEvent.click(el('add-professional'));
    expect(el('kp-1-role')).toHaveFocus();
    await fillIn({ 'kp-1-role': 'Social worker', 'kp-1-name': 'Ms Testsocial' });
    await userEvent.click(el('add-professional'));
    await userEvent.click(el('save-details'));

    expect(requestsFor('pupil_details_set')).toEqual([
      {
        case_id: 'case-1',
        address: '1 Synthetic Street\nTesttown',
        postcode: 'zz99 3zz',
        flags: ['fsm', 'young_carer'],
        key_professionals: [
          { role: 'School nurse', name: 'Mr Testnurse', organisation: 'Testshire NHS', contact: '0117 496 0000' },
          { role: 'Social worker', name: 'Ms Testsocial', organisation: '', contact: '' },
        ],
      },
    ]);
    expect(document.getElementById('details-form')).toBeNull();
    expect(el('family-saved')).toHaveTextContent('Details saved.');
    expect(el('family-saved')).toHaveFocus();
    expect(el('details-postcode')).toHaveTextContent('ZZ99 3ZZ');
    expect(el('details-flags')).toHaveTextContent('Young carer');
    expect(el('details-professionals')).toHaveTextContent('None recorded');
  });

  it('removes a key professional row before saving', async () => {
    await showFamily(familyView(), { pupil_details_set: () => familyView({ key_professionals: [] }) });
    await userEvent.click(el('edit-details'));
    await userEvent.click(screen.getByRole('button', { name: 'Remove key professional 1' }));
    await userEvent.click(el('save-details'));
    expect(requestsFor('pupil_details_set')[0]?.key_professionals).toEqual([]);
  });

  it('shows the server’s field errors next to the details’ fields and links to them', async () => {
    await showFamily(familyView(), {
      pupil_details_set: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'postcode', message: 'Enter a real postcode, like SW1A 1AA' },
            { field: 'key_professionals', message: 'Give each key professional a role and a name' },
          ],
        }),
    });
    await userEvent.click(el('edit-details'));
    await fillIn({ postcode: 'nope', 'kp-0-name': '' });
    await userEvent.click(el('save-details'));
    expect(el('postcode-error')).toHaveTextContent('Enter a real postcode, like SW1A 1AA');
    expect(el('postcode')).toHaveAttribute('aria-describedby', 'postcode-error');
    expect(el('key_professionals-error')).toHaveTextContent('Give each key professional a role and a name');
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter a real postcode, like SW1A 1AA' })).toHaveAttribute(
      'href',
      '#postcode',
    );
    expect(within(summary).getByRole('link', { name: /role and a name/ })).toHaveAttribute('href', '#kp-0-role');
  });

  it('shows the server’s error on the review date under its boxes and links to the day box', async () => {
    await showFamily(familyView(), {
      pupil_details_set: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'part_time_review_on', message: 'Enter a real date, like 23 11 2026' }],
        }),
    });
    await userEvent.click(el('edit-details'));
    await userEvent.click(el('flag-part_time_timetable'));
    await fillIn({ 'part-time-review-day': '31', 'part-time-review-month': '2', 'part-time-review-year': '2027' });
    await userEvent.click(el('save-details'));
    expect(requestsFor('pupil_details_set')[0]?.part_time_review_on).toBe('2027-02-31');
    expect(el('part_time_review_on-error')).toHaveTextContent('Enter a real date, like 23 11 2026');
    const link = within(screen.getByRole('alert')).getByRole('link', { name: 'Enter a real date, like 23 11 2026' });
    expect(link).toHaveAttribute('href', '#part-time-review-day');
  });

  it('asks for a part-time timetable review date only with that flag, and sends it', async () => {
    await showFamily(familyView(), {
      pupil_details_set: () => familyView({ flags: ['part_time_timetable'], part_time_review_on: '2026-12-04' }),
    });
    await userEvent.click(el('edit-details'));
    expect(document.getElementById('part-time-review')).toBeNull();
    await userEvent.click(el('flag-part_time_timetable'));
    await fillIn({ 'part-time-review-day': '4', 'part-time-review-month': '12', 'part-time-review-year': '2026' });
    await userEvent.click(el('save-details'));
    const sent = requestsFor('pupil_details_set')[0];
    expect(sent?.part_time_review_on).toBe('2026-12-04');
    expect(sent?.flags).toEqual(expect.arrayContaining(['part_time_timetable', 'fsm', 'ebsa']));
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

  it('says so when the family and details cannot be loaded', async () => {
    serve({ family_get: () => fail({ kind: 'storage', message: 'The store could not be read.' }) });
    render(FamilySection, { caseId: 'case-1' });
    expect(await vi.waitFor(() => el('family-load-error'))).toHaveTextContent(
      'The family and details could not be loaded: The store could not be read.',
    );
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
