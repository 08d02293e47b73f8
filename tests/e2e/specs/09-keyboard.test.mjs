//! Keyboard only, on the real app: every key below is sent as WebDriver key actions, and nothing
//! is clicked. The caseload is created by typing the passphrase at once (the field has focus),
//! Tab, the confirmation and Enter. With a link school, a pupil and a planned meeting added by the
//! command-line tool, the worker unlocks by typing at once and Enter; Ctrl+K, part of the pupil's
//! name, Escape closes the results, the down arrow and Enter open the case; Tab reaches the
//! chronology form, where a phone call is recorded; Ctrl+K from the case goes to the search box,
//! Tab to "School meetings", Enter, Tab to the meeting, Enter, Tab to "Add an action for the
//! school", Enter, and the action is typed in; "?" opens the keyboard shortcuts. Every control Tab
//! lands on (the dashboard's Lock, filters, sort buttons and case links among them) shows a focus
//! indicator. The CLI then sees the contact and the action.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Harness, PASSPHRASE, TITLES } from '../lib/app.mjs';
import { daysAgo, count } from '../lib/steps.mjs';
import { KEY, sleep, waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('keyboard only');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: no real child or school has these names. */
const SCHOOL = { urn: '100888', name: 'Testschool Keyside Primary' };
const PUPIL = { legal_name: 'Keyboardia Quillfeather-Test', upn: 'B801200005001' };
const CONTACT = {
  who: 'Mum (Ms Testparent)',
  what: 'Phone call: Keyboardia has been in every morning this week.',
};
const ACTION = {
  what: 'Share the attendance letter template with the office',
  person: 'Office Testkeyside',
  lead: 'Worker Testkeyside',
};
/** Where the help page's screenshot is saved, to look at. */
const HELP_SCREENSHOT = process.env.CASELOAD_E2E_HELP_PNG ?? '/tmp/caseload-keyboard-shortcuts.png';

const state = {};

test('the caseload is created by typing the passphrase straight away', async () => {
  const app = await h.start();
  await h.step('the passphrase field has focus on the first-run screen', async () => {
    await app.waitForScreen(TITLES.firstRun);
    assert.equal((await app.focused()).id, 'passphrase');
  });
  await h.step('passphrase, Tab, passphrase again, Enter', async () => {
    await app.keys(PASSPHRASE, KEY.TAB, PASSPHRASE, KEY.ENTER);
    await app.waitForScreen(TITLES.caseload);
  });
  await app.quit();

  await h.cli(['school', 'set', '--urn', SCHOOL.urn, '--name', SCHOOL.name, '--phase', 'primary', '--json']);
  const added = await h.cli([
    'case', 'add', '--legal-name', PUPIL.legal_name, '--dob', '2016-03-04', '--upn', PUPIL.upn,
    '--school-urn', SCHOOL.urn, '--school-name', SCHOOL.name, '--year-group', '4', '--json',
  ]);
  const meeting = await h.cli(['tsm', 'plan', '--school', SCHOOL.urn, '--date', daysAgo(0).iso, '--json']);
  state.caseId = added.id;
  state.meetingId = String(meeting.id);
});

test('unlock, find a pupil, record a contact and a meeting action with the keyboard only', async (t) => {
  if (!state.caseId) return t.skip('needs the set-up test');
  const app = await h.start();

  await h.step('unlock by typing the passphrase at once and Enter', async () => {
    await app.waitForScreen(TITLES.unlock);
    assert.equal((await app.focused()).id, 'unlock-passphrase', 'the passphrase field has focus at start');
    await app.keys(PASSPHRASE, KEY.ENTER);
    await app.waitForScreen(TITLES.caseload);
  });

  await h.step('on the dashboard every control Tab reaches shows its focus: Lock, filters, sort buttons, a case', async () => {
    await waitFor(() => app.exists(`#case-table [data-case-id="${state.caseId}"]`), { what: 'the case in #case-table' });
    const heading = await app.focused();
    assert.equal(heading.id, 'page-title');
    assert.equal(heading.visible, false, 'the check tells a focused heading (no ring, by design) from a control');
    await app.tabTo('#lock', { back: true, max: 12 }); // back past the primary navigation to the header's Lock
    await app.tabTo(`#case-table [data-case-id="${state.caseId}"]`, { max: 60 });
  });

  await h.step('Ctrl+K goes to "Search pupils"; Escape closes the results', async () => {
    await app.keys([KEY.CONTROL, 'k']);
    assert.equal((await app.focused()).id, 'search');
    await app.keys('Quillf');
    await waitFor(() => app.exists(`#search-results a[data-case-id="${state.caseId}"]`), {
      what: 'the pupil in #search-results',
    });
    await app.scan('Your caseload with search results (keyboard)');
    await app.keys(KEY.ESCAPE);
    await waitFor(async () => !(await app.exists('#search-panel')), { what: 'the results to close' });
    assert.equal((await app.focused()).id, 'search');
  });

  await h.step('part of the name, the down arrow to the result and Enter open the case', async () => {
    await app.keys('quill');
    await waitFor(() => app.exists(`#search-results a[data-case-id="${state.caseId}"]`), {
      what: 'the pupil in #search-results',
    });
    await app.keys(KEY.DOWN);
    const result = await app.focused(`#search-results a[data-case-id="${state.caseId}"]`);
    assert.ok(result.matches, `the result has focus (focus is on ${result.describe})`);
    assert.ok(result.visible, 'the focused result shows the focus style');
    await app.keys(KEY.ENTER);
    await app.waitForScreen(PUPIL.legal_name, { screen: 'case view (keyboard)' });
  });

  await h.step('Tab reaches the chronology form, and a phone call is recorded', async () => {
    if (!(await app.exists('#entry-kind'))) {
      await app.tabTo('a, button', { text: /Record a contact/i, max: 200 });
      await app.keys(KEY.ENTER);
      await waitFor(() => app.exists('#entry-kind'), { what: 'the chronology form (#entry-kind)' });
    }
    await app.tabTo('#entry-kind', { max: 300 });
    await app.keys(KEY.DOWN);
    assert.equal(await app.value('entry-kind'), 'phone_call', 'the down arrow chose the next kind');
    await app.tabTo('#entry-who', { max: 10 });
    await app.keys(CONTACT.who);
    await app.tabTo('#entry-what', { max: 3 });
    await app.keys(CONTACT.what);
    await app.tabTo('#add-entry', { max: 10 });
    await app.keys(KEY.ENTER);
    await waitFor(async () => (await count(app, '#chronology-list li[data-entry-id]')) === 1, {
      timeoutMs: 15_000,
      what: 'the phone call in #chronology-list',
    });
    await app.scan('case view after a contact recorded by keyboard');
  });

  await h.step('Ctrl+K from the case, then Tab to "School meetings" and the meeting', async () => {
    await app.keys([KEY.CONTROL, 'k']);
    assert.equal((await app.focused()).id, 'search', 'Ctrl+K from the case page focuses search');
    await app.tabTo('#nav-meetings', { max: 20 });
    await app.keys(KEY.ENTER);
    await app.waitForScreen('School meetings');
    await app.tabTo(`#meeting-link-${state.meetingId}`, { max: 60 });
    await app.keys(KEY.ENTER);
    await app.waitForScreen(`${SCHOOL.name}: Targeting Support Meeting`);
  });

  await h.step('Tab to "Add an action for the school", Enter, and type the action', async () => {
    await app.tabTo('#add-school-action', { max: 200 });
    await app.keys(KEY.ENTER);
    const what = await waitFor(
      async () => {
        const now = await app.focused();
        return /^action-\d+-what$/.test(now.id) ? now.id : false;
      },
      { what: 'the new action’s "What was agreed" to take focus' },
    );
    state.actionPrefix = what.replace(/-what$/, '');
    await app.keys(ACTION.what);
    await app.tabTo(`#${state.actionPrefix}-agency`, { max: 2 });
    const agencyBefore = await app.value(`${state.actionPrefix}-agency`);
    await app.keys(KEY.DOWN);
    state.agency = await app.value(`${state.actionPrefix}-agency`);
    assert.notEqual(state.agency, agencyBefore, 'the down arrow chose another agency');
    await app.tabTo(`#${state.actionPrefix}-person`, { max: 2 });
    await app.keys(ACTION.person);
    await app.tabTo(`#${state.actionPrefix}-lead`, { max: 2 });
    await app.keys(ACTION.lead);
    // No due date agreed: on past it (a native date field may take a Tab per part) to the action's "Remove" button, a control and not a field.
    await app.tabTo(`#${state.actionPrefix}-remove`, { max: 8 });
    await waitFor(
      async () => (await app.session.execute("return document.getElementById('save-status')?.dataset.pending;")) === '0',
      { timeoutMs: 15_000, what: 'the action to be saved (#save-status data-pending=0)' },
    );
    await app.scan('meeting with an action typed by keyboard');
  });

  await h.step('"?" opens the keyboard shortcuts, which list Ctrl+K, /, ? and Escape', async () => {
    // Focus is on a control, not in a field, after the last Tab.
    const now = await app.focused();
    assert.ok(!['input', 'textarea', 'select'].includes(now.tag), `focus is not in a field (${now.describe})`);
    await app.keys('?');
    await app.waitForScreen('Keyboard shortcuts');
    // Opened from far down the meeting, the new screen starts at its top with its heading focused.
    const top = await app.session.execute("return document.getElementById('page-title').getBoundingClientRect().top;");
    assert.ok(top >= 0 && top < 400, `the heading is on screen (its top is at ${top}px)`);
    assert.equal((await app.focused()).id, 'page-title');
    const listed = await app.session.execute(
      `return Array.from(document.querySelectorAll('[data-shortcut] th'))
         .map((th) => Array.from(th.querySelectorAll('kbd')).map((kbd) => kbd.textContent.trim()).join('+'));`,
    );
    for (const keys of ['Ctrl+K', '/', '?', 'Escape', 'Alt+A']) assert.ok(listed.includes(keys), `${keys} is listed`);
    await app.session.executeAsync(
      'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
    );
    await app.screenshot(HELP_SCREENSHOT);
    t.diagnostic(`keyboard shortcuts page: ${HELP_SCREENSHOT}`);
    await app.tabTo('#footer-shortcuts', { max: 10 });
    await app.tabTo('#shortcuts-back', { back: true, max: 10 });
    await app.keys(KEY.ENTER);
    await app.waitForScreen(`${SCHOOL.name}: Targeting Support Meeting`, { scan: false });
  });

  await h.step('every other screen: reached with Ctrl+K, Tab and Enter; each control on it shows its focus', async () => {
    for (const nav of ['nav-schools', 'nav-attendance', 'nav-reports', 'nav-exports', 'nav-settings', 'nav-caseload']) {
      await app.keys([KEY.CONTROL, 'k']);
      await app.tabTo(`#${nav}`, { max: 20 });
      await app.keys(KEY.ENTER);
      await waitFor(async () => (await (await app.el(nav)).attribute('aria-current')) === 'page', {
        what: `the screen of #${nav}`,
      });
      await app.waitForScreen(/\S/, { scan: false });
      await sleep(500);
      await app.tabTo('#footer-shortcuts', { max: 200 });
    }
  });

  await h.step('the CLI sees the phone call and the school’s action', async () => {
    await app.quit();
    const entries = await h.cli(['chronology', 'list', state.caseId, '--json']);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].kind, 'phone_call');
    assert.equal(entries[0].who, CONTACT.who);
    assert.equal(entries[0].what, CONTACT.what);
    const meeting = await h.cli(['tsm', 'show', state.meetingId, '--json']);
    const actions = meeting.general_actions;
    assert.equal(actions.length, 1);
    assert.equal(actions[0].what, ACTION.what);
    assert.equal(actions[0].owner_agency, state.agency);
    assert.equal(actions[0].owner_person, ACTION.person);
    assert.equal(actions[0].lead_practitioner, ACTION.lead);
  });

  h.assertAccessible(t);
});
