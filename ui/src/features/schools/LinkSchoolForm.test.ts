// "Add a link school" / "Edit link school": what link_school_set is sent, the prefilled form with a
// read-only URN, the server's field errors in the summary and by the fields, and where it leads.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { linkSchool } from '../../test/schoolFixtures';
import LinkSchoolForm from './LinkSchoolForm.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function input(id: string): HTMLInputElement {
  return document.getElementById(id) as HTMLInputElement;
}

describe('LinkSchoolForm adding a school', () => {
  beforeEach(() => {
    router.go({ name: 'school-edit' });
  });

  it('offers the four school phases with none chosen', () => {
    serve({});
    render(LinkSchoolForm);
    const phases = Array.from((input('school-phase') as unknown as HTMLSelectElement).options).map((o) => [
      o.value,
      o.text,
    ]);
    expect(phases).toEqual([
      ['', 'Choose a phase'],
      ['primary', 'Primary'],
      ['secondary', 'Secondary'],
      ['special', 'Special'],
      ['alternative_provision', 'Alternative provision'],
    ]);
    expect(input('school-urn')).not.toHaveAttribute('readonly');
  });

  it('sends the school with its contacts as typed, leaving out blank phone and email, then lists the schools', async () => {
    serve({ link_school_set: () => [linkSchool()] });
    render(LinkSchoolForm);
    await userEvent.type(input('school-urn'), '100001');
    await userEvent.type(input('school-name'), 'Demo Brook Primary');
    await userEvent.selectOptions(input('school-phase'), 'Alternative provision');
    await userEvent.type(input('champion-name'), 'Champion Demo');
    await userEvent.type(input('champion-phone'), '01632 960001');
    await userEvent.type(input('champion-email'), 'champion@brook.example');
    await userEvent.type(input('dsl-name'), 'Safeguarding Demo');
    await userEvent.click(screen.getByRole('button', { name: 'Add link school' }));
    expect(requestsFor('link_school_set')).toEqual([
      {
        urn: '100001',
        name: 'Demo Brook Primary',
        phase: 'alternative_provision',
        attendance_champion: { name: 'Champion Demo', phone: '01632 960001', email: 'champion@brook.example' },
        dsl: { name: 'Safeguarding Demo' },
      },
    ]);
    expect(router.route).toEqual({ name: 'schools' });
  });

  it('shows the server’s field errors in the summary and by the fields, and stays on the form', async () => {
    serve({
      link_school_set: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'school_urn', message: 'Enter the school URN: 6 digits' },
            { field: 'school_name', message: 'Enter the school name' },
            { field: 'school_phase', message: 'Choose the school phase' },
            { field: 'attendance_champion', message: "Enter the contact's name" },
            { field: 'dsl', message: 'Enter a real email address, like name@example.org' },
          ],
        }),
    });
    render(LinkSchoolForm);
    await userEvent.type(input('dsl-email'), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Add link school' }));
    const summary = document.querySelector('.govuk-error-summary') as HTMLElement;
    expect(await within(summary).findByRole('link', { name: 'Enter the school URN: 6 digits' })).toHaveAttribute(
      'href',
      '#school-urn',
    );
    expect(within(summary).getByRole('link', { name: 'Enter the school name' })).toHaveAttribute(
      'href',
      '#school-name',
    );
    expect(within(summary).getByRole('link', { name: 'Choose the school phase' })).toHaveAttribute(
      'href',
      '#school-phase',
    );
    expect(within(summary).getByRole('link', { name: "Enter the contact's name" })).toHaveAttribute(
      'href',
      '#champion-name',
    );
    expect(within(summary).getByRole('link', { name: /Enter a real email address/ })).toHaveAttribute(
      'href',
      '#dsl-name',
    );
    expect(summary).toHaveFocus();

    expect(document.getElementById('school_urn-error')).toHaveTextContent('Enter the school URN: 6 digits');
    expect(input('school-urn')).toHaveAttribute('aria-describedby', expect.stringContaining('school_urn-error'));
    expect(document.getElementById('school_phase-error')).toHaveTextContent('Choose the school phase');
    expect(document.getElementById('attendance_champion-error')).toHaveTextContent("Enter the contact's name");
    expect(document.getElementById('dsl-error')).toHaveTextContent('Enter a real email address');
    expect(router.route).toEqual({ name: 'school-edit' });

    await userEvent.click(within(summary).getByRole('link', { name: 'Enter the school name' }));
    expect(input('school-name')).toHaveFocus();
  });

  it('goes back to the link schools from the back link and from Cancel', async () => {
    serve({});
    render(LinkSchoolForm);
    await userEvent.click(screen.getByRole('link', { name: 'Cancel' }));
    expect(router.route).toEqual({ name: 'schools' });
    router.go({ name: 'school-edit' });
    await userEvent.click(screen.getByRole('link', { name: 'Back to link schools' }));
    expect(router.route).toEqual({ name: 'schools' });
  });
});

describe('LinkSchoolForm editing a school', () => {
  beforeEach(() => {
    router.go({ name: 'school-edit', urn: '100001' });
  });

  it('prefills the form from link_school_list with the URN read-only', async () => {
    serve({ link_school_list: () => [linkSchool({ urn: '100009', name: 'Demo Other Primary' }), linkSchool()] });
    render(LinkSchoolForm, { urn: '100001' });
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Edit link school');
    await screen.findByRole('button', { name: 'Save changes' });
    expect(input('school-urn')).toHaveValue('100001');
    expect(input('school-urn')).toHaveAttribute('readonly');
    expect(input('school-name')).toHaveValue('Demo Brook Primary');
    expect(input('school-phase')).toHaveValue('primary');
    expect(input('champion-name')).toHaveValue('Champion Demo');
    expect(input('champion-phone')).toHaveValue('01632 960001');
    expect(input('champion-email')).toHaveValue('champion@brook.example');
    expect(input('dsl-name')).toHaveValue('Safeguarding Demo');
    expect(input('dsl-phone')).toHaveValue('');
    expect(input('dsl-email')).toHaveValue('dsl@brook.example');
  });

  it('saves the edited school under the same URN', async () => {
    serve({ link_school_list: () => [linkSchool({ dsl: null })], link_school_set: () => [linkSchool()] });
    render(LinkSchoolForm, { urn: '100001' });
    const save = await screen.findByRole('button', { name: 'Save changes' });
    expect(save).toHaveAttribute('id', 'save-school');
    await userEvent.clear(input('school-name'));
    await userEvent.type(input('school-name'), 'Demo Brook Academy');
    await userEvent.click(save);
    expect(requestsFor('link_school_set')).toEqual([
      {
        urn: '100001',
        name: 'Demo Brook Academy',
        phase: 'primary',
        attendance_champion: { name: 'Champion Demo', phone: '01632 960001', email: 'champion@brook.example' },
        dsl: { name: '' },
      },
    ]);
    expect(router.route).toEqual({ name: 'schools' });
  });

  it('says so, and shows no form, when the school is not one of the worker’s link schools', async () => {
    serve({ link_school_list: () => [] });
    render(LinkSchoolForm, { urn: '100001' });
    expect(await screen.findByText('You have no link school with URN 100001.')).toBeInTheDocument();
    expect(document.getElementById('save-school')).toBeNull();
  });
  it('shows the server’s message, and no form, when the link schools cannot be read', async () => {
    serve({ link_school_list: () => fail({ kind: 'storage', message: 'The store could not be read.' }) });
    render(LinkSchoolForm, { urn: '100001' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The store could not be read.');
    expect(screen.queryByText('Loading the school…')).toBeNull();
    expect(document.getElementById('save-school')).toBeNull();
  });
});
