// The keyboard shortcuts of every screen, through the whole app: Ctrl+K and "/" go to "Search
// pupils" from any unlocked screen ("/" and "?" only when not typing in a field, Ctrl+K even then),
// "?" opens the list of shortcuts, Escape closes the results and then goes back; and the passphrase
// field has focus when the app opens locked or for the first time.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { axeViolations } from '../test/axe';
import { serve, type Handlers } from '../test/commands';
import { caseDetail, dashboard, dashboardRow, searchHit, settings, status } from '../test/fixtures';
import { globalShortcut, isTypingIn } from './shortcuts.svelte';

vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  call: vi.fn(),
}));

const UNLOCKED: Handlers = {
  app_status: () => status(),
  dashboard: () => dashboard([dashboardRow()]),
  search: () => [searchHit({ case_id: 'case-1' })],
  case_get: () => caseDetail({ id: 'case-1' }),
  settings_get: () => settings(),
  chronology_list: () => [],
};

async function startAt(handlers: Handlers) {
  serve(handlers);
  render(App);
  await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
}

function searchBox(): HTMLInputElement {
  return within(screen.getByRole('banner')).getByRole('searchbox', { name: 'Search pupils' });
}

function heading() {
  return screen.getByRole('heading', { level: 1 });
}

async function openSettings() {
  await userEvent.click(screen.getByRole('link', { name: 'Settings' }));
  return screen.findByLabelText('Team 1 name');
}

describe('Ctrl+K and "/" go to "Search pupils"', () => {
  it('Ctrl+K focuses the search box from the dashboard', async () => {
    await startAt(UNLOCKED);
    expect(heading()).toHaveFocus();
    await userEvent.keyboard('{Control>}k{/Control}');
    expect(searchBox()).toHaveFocus();
  });

  it('Ctrl+K focuses the search box from a case, and the down arrow reaches the result', async () => {
    await startAt(UNLOCKED);
    await userEvent.click(within(await screen.findByRole('table')).getByRole('link', { name: 'Alexandra Testpupil' }));
    await screen.findByRole('heading', { level: 1, name: /Alex/ });
    await userEvent.keyboard('{Control>}k{/Control}');
    expect(searchBox()).toHaveFocus();
    await userEvent.keyboard('alex');
    await screen.findByRole('link', { name: /Alex \(Alexandra Testpupil\)/ });
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: /Alex \(Alexandra Testpupil\)/ })).toHaveFocus();
  });

  it('Ctrl+K works even while typing in a field, and leaves the field as it was', async () => {
    await startAt(UNLOCKED);
    const field = await openSettings();
    await userEvent.clear(field);
    await userEvent.type(field, 'worker');
    await userEvent.keyboard('{Control>}k{/Control}');
    expect(searchBox()).toHaveFocus();
    expect(field).toHaveValue('worker');
  });

  it('"/" focuses the search box when focus is not in a field', async () => {
    await startAt(UNLOCKED);
    await userEvent.click(screen.getByRole('link', { name: 'Reports' }));
    expect(heading()).toHaveTextContent('Case funnel');
    await userEvent.keyboard('/');
    expect(searchBox()).toHaveFocus();
    expect(searchBox()).toHaveValue('');
  });

  it('"/" typed in a field is just a character', async () => {
    await startAt(UNLOCKED);
    const field = await openSettings();
    await userEvent.clear(field);
    await userEvent.type(field, 'a/b');
    expect(field).toHaveFocus();
    expect(field).toHaveValue('a/b');
  });

  it('does nothing while the caseload is locked (there is no search box)', async () => {
    await startAt({ app_status: () => status({ unlocked: false }) });
    const field = screen.getByLabelText('Passphrase');
    await userEvent.keyboard('{Control>}k{/Control}');
    expect(field).toHaveFocus();
    await userEvent.tab({ shift: true });
    await userEvent.keyboard('?');
    expect(heading()).toHaveTextContent('Unlock Caseload');
  });

  it('tells screen readers the box has shortcuts', async () => {
    await startAt(UNLOCKED);
    expect(searchBox()).toHaveAttribute('aria-keyshortcuts', 'Control+K /');
  });
});

describe('Escape in "Search pupils"', () => {
  it('closes the results, then a second Escape goes back to where Ctrl+K came from', async () => {
    await startAt(UNLOCKED);
    const filter = await screen.findByLabelText('Filter by name, UPN or school');
    await userEvent.click(filter);
    await userEvent.keyboard('{Control>}k{/Control}alex');
    await screen.findByRole('link', { name: /Alex \(Alexandra Testpupil\)/ });
    await userEvent.keyboard('{Escape}');
    expect(document.getElementById('search-results')).toBeNull();
    expect(searchBox()).toHaveValue('');
    expect(searchBox()).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(filter).toHaveFocus();
  });

  it('closes the results from a result and returns to the box', async () => {
    await startAt(UNLOCKED);
    await userEvent.keyboard('/');
    await userEvent.keyboard('alex');
    await screen.findByRole('link', { name: /Alex \(Alexandra Testpupil\)/ });
    await userEvent.keyboard('{ArrowDown}{Escape}');
    expect(document.getElementById('search-results')).toBeNull();
    expect(searchBox()).toHaveFocus();
  });
});

describe('"?" opens the keyboard shortcuts', () => {
  it('opens the list from any screen, and Back returns to that screen', async () => {
    await startAt(UNLOCKED);
    await userEvent.click(screen.getByRole('link', { name: 'Reports' }));
    await userEvent.keyboard('?');
    expect(heading()).toHaveTextContent('Keyboard shortcuts');
    expect(heading()).toHaveFocus();
    await userEvent.click(screen.getByRole('link', { name: 'Back' }));
    expect(heading()).toHaveTextContent('Case funnel');
  });

  it('lists Ctrl+K, /, ? and Escape, and the meeting’s own keys', async () => {
    await startAt(UNLOCKED);
    await userEvent.keyboard('?');
    const everywhere = screen.getByRole('table', { name: 'On every screen' });
    expect(within(everywhere).getByRole('rowheader', { name: 'Ctrl plus K' })).toBeInTheDocument();
    expect(within(everywhere).getByRole('rowheader', { name: '/' })).toBeInTheDocument();
    expect(within(everywhere).getByRole('rowheader', { name: '?' })).toBeInTheDocument();
    const search = screen.getByRole('table', { name: 'In “Search pupils”' });
    expect(within(search).getByRole('rowheader', { name: 'Escape' })).toBeInTheDocument();
    const meeting = screen.getByRole('table', { name: /On a school meeting/ });
    expect(within(meeting).getByRole('rowheader', { name: 'Alt plus A' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });

  it('is linked from the foot of every unlocked screen', async () => {
    await startAt(UNLOCKED);
    await userEvent.click(screen.getByRole('link', { name: 'Keyboard shortcuts' }));
    expect(heading()).toHaveTextContent('Keyboard shortcuts');
    await userEvent.click(screen.getByRole('link', { name: 'Back' }));
    expect(heading()).toHaveTextContent('Your caseload');
  });

  it('is only a character while typing in a field', async () => {
    await startAt(UNLOCKED);
    const field = await openSettings();
    await userEvent.clear(field);
    await userEvent.type(field, 'why?');
    expect(field).toHaveValue('why?');
    expect(heading()).toHaveTextContent('Settings');
  });
});

describe('the passphrase has focus at start', () => {
  it('on the unlock screen: a passphrase typed at once goes into the field', async () => {
    await startAt({ app_status: () => status({ unlocked: false }) });
    const field = screen.getByLabelText('Passphrase');
    expect(field).toHaveFocus();
    await userEvent.keyboard('typed at once');
    expect(field).toHaveValue('typed at once');
  });

  it('on the first-run screen', async () => {
    await startAt({ app_status: () => status({ initialised: false, unlocked: false }) });
    expect(heading()).toHaveTextContent('Create your caseload');
    expect(screen.getByLabelText('Passphrase')).toHaveFocus();
  });
});

describe('which key presses are shortcuts', () => {
  const key = (init: KeyboardEventInit, target?: EventTarget) => {
    const event = new KeyboardEvent('keydown', init);
    if (target) Object.defineProperty(event, 'target', { value: target });
    return event;
  };

  it('reads Ctrl+K and Cmd+K everywhere, "/" and "?" only outside fields', () => {
    const input = document.createElement('input');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    const button = document.createElement('button');
    expect(globalShortcut(key({ key: 'k', ctrlKey: true }, input))).toBe('search');
    expect(globalShortcut(key({ key: 'K', metaKey: true }, input))).toBe('search');
    expect(globalShortcut(key({ key: 'k', ctrlKey: true, altKey: true }, button))).toBeNull();
    expect(globalShortcut(key({ key: 'k' }, button))).toBeNull();
    expect(globalShortcut(key({ key: '/' }, button))).toBe('search');
    expect(globalShortcut(key({ key: '/' }, checkbox))).toBe('search');
    expect(globalShortcut(key({ key: '/' }, input))).toBeNull();
    expect(globalShortcut(key({ key: '?', shiftKey: true }, button))).toBe('help');
    expect(globalShortcut(key({ key: '?', shiftKey: true }, input))).toBeNull();
    expect(globalShortcut(key({ key: '?', altKey: true }, button))).toBeNull();
  });

  it('counts text inputs, text areas, selects and editable text as typing', () => {
    expect(isTypingIn(document.createElement('textarea'))).toBe(true);
    expect(isTypingIn(document.createElement('select'))).toBe(true);
    expect(isTypingIn(Object.assign(document.createElement('input'), { type: 'password' }))).toBe(true);
    expect(isTypingIn(Object.assign(document.createElement('input'), { type: 'radio' }))).toBe(false);
    expect(isTypingIn(document.createElement('a'))).toBe(false);
    expect(isTypingIn(null)).toBe(false);
  });
});
