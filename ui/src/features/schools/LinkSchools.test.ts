// "Link schools": the table from link_school_list with each school's contacts, the empty state
// that explains what a link school is, and where Add, Edit and "Plan a meeting" lead.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, serve } from '../../test/commands';
import { linkSchool } from '../../test/schoolFixtures';
import LinkSchools from './LinkSchools.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const SCHOOLS = [
  linkSchool(),
  linkSchool({
    urn: '100002',
    name: 'Demo Hill Secondary',
    phase: 'secondary',
    attendance_champion: { name: 'Champion Hill', phone: null, email: null },
    dsl: null,
  }),
];

describe('LinkSchools', () => {
  beforeEach(() => {
    router.go({ name: 'schools' });
  });

  it('lists each link school with its URN, phase, attendance champion and DSL', async () => {
    serve({ link_school_list: () => SCHOOLS });
    render(LinkSchools);
    const table = await screen.findByRole('table');
    expect(table).toHaveAttribute('id', 'school-table');
    const brook = document.getElementById('school-100001')!;
    expect(brook).toHaveTextContent('100001');
    expect(within(brook).getByRole('rowheader')).toHaveTextContent('Demo Brook Primary');
    expect(brook).toHaveTextContent('Primary');
    expect(brook).toHaveTextContent('Champion Demo');
    expect(brook).toHaveTextContent('01632 960001');
    expect(brook).toHaveTextContent('champion@brook.example');
    expect(brook).toHaveTextContent('Safeguarding Demo');
    expect(brook).toHaveTextContent('dsl@brook.example');
    const hill = document.getElementById('school-100002')!;
    expect(hill).toHaveTextContent('Secondary');
    expect(hill).toHaveTextContent('Champion Hill');
    expect(hill).toHaveTextContent('Not recorded'); // no DSL yet
  });

  it('adds a school from the Add button', async () => {
    serve({ link_school_list: () => SCHOOLS });
    render(LinkSchools);
    await screen.findByRole('table');
    const add = screen.getByRole('button', { name: 'Add a link school' });
    expect(add).toHaveAttribute('id', 'add-school');
    await userEvent.click(add);
    expect(router.route).toEqual({ name: 'school-edit' });
  });

  it('edits a school and plans its meeting from the links in its row', async () => {
    serve({ link_school_list: () => SCHOOLS });
    render(LinkSchools);
    await screen.findByRole('table');
    const edit = screen.getByRole('link', { name: 'Edit Demo Hill Secondary' });
    expect(edit).toHaveAttribute('id', 'edit-school-100002');
    await userEvent.click(edit);
    expect(router.route).toEqual({ name: 'school-edit', urn: '100002' });

    const plan = screen.getByRole('link', { name: 'Plan a meeting with Demo Brook Primary' });
    expect(plan).toHaveAttribute('id', 'plan-meeting-100001');
    await userEvent.click(plan);
    expect(router.route).toEqual({ name: 'meeting-plan', urn: '100001' });
  });

  it('reaches the row links with the keyboard', async () => {
    serve({ link_school_list: () => [linkSchool()] });
    render(LinkSchools);
    await screen.findByRole('table');
    screen.getByRole('button', { name: 'Add a link school' }).focus();
    await userEvent.tab();
    expect(document.getElementById('edit-school-100001')).toHaveFocus();
    await userEvent.tab();
    expect(document.getElementById('plan-meeting-100001')).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(router.route).toEqual({ name: 'meeting-plan', urn: '100001' });
  });

  it('explains what a link school is when there are none', async () => {
    serve({ link_school_list: () => [] });
    render(LinkSchools);
    const empty = await screen.findByText('You have no link schools yet.');
    expect(empty.closest('#no-schools')).toHaveTextContent('Targeting Support Meeting');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a failure to load in an error summary', async () => {
    serve({ link_school_list: () => fail({ kind: 'storage', message: 'The caseload file could not be read' }) });
    render(LinkSchools);
    expect(await screen.findByText('The caseload file could not be read')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
