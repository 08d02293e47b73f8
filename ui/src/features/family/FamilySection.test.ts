// The pupil's family and details: what family_get returns (address, flags, key professionals,
// carers, siblings, other children), "Edit details" (pupil_details_set) with field errors in place,
// and a section that cannot be loaded. Renaming the family, carers, siblings and other children are
// in FamilyHousehold.test.ts.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { carer, familyView } from '../../test/fixtures';
import FamilySection from './FamilySection.svelte';
import { el, fillIn, showFamily, withFamily } from './testing';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

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

  it('says so when the family and details cannot be loaded', async () => {
    serve({ family_get: () => fail({ kind: 'storage', message: 'The store could not be read.' }) });
    render(FamilySection, { caseId: 'case-1' });
    expect(await vi.waitFor(() => el('family-load-error'))).toHaveTextContent(
      'The family and details could not be loaded: The store could not be read.',
    );
  });
});
