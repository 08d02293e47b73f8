//! The case form refuses bad input on the real app: each problem is named next to its field and in
//! the error summary, and nothing reaches the store.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Harness, TITLES } from '../lib/app.mjs';
import { docScreenshot } from '../lib/driver.mjs';
import { PUPIL, createCaseload, errorSummaryText, fillCaseForm } from '../lib/flows.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('case form validation');
});

after(async () => {
  await h?.teardown();
});

/** The inline error for a field: a p.govuk-error-message inside the field's form group. */
const INLINE_ERROR = `
const [fieldIds, errorIds] = arguments;
const error = errorIds.map((id) => document.getElementById(id)).find(Boolean);
if (!error) return { found: false };
const field = document.getElementById(fieldIds[0]);
// A date's parts sit in one fieldset whose form group carries the error; a text input's own
// form group does.
const fieldset = field && field.closest('fieldset');
const group = fieldset ? fieldset.closest('.govuk-form-group') || fieldset : field && field.closest('.govuk-form-group');
return {
  found: true,
  id: error.id,
  isMessage: error.matches('p.govuk-error-message'),
  nextToField: Boolean(group && group.contains(error)),
  text: error.innerText.trim(),
};
`;

test('invalid case details show a message next to each field and save nothing', async (t) => {
  const app = await h.step('start on an empty data dir', () => h.start());
  await h.step('create the caseload', () => createCaseload(app));

  const nextYear = new Date().getFullYear() + 1;
  await h.step('fill the form with a bad UPN, no legal name and a future date of birth', async () => {
    await app.click('add-case');
    await app.waitForScreen(TITLES.addCase);
    await fillCaseForm(app, {
      ...PUPIL,
      legal_name: '',
      upn: 'A801200005001',
      dob: { day: '1', month: '1', year: String(nextYear) },
    });
    await app.click('save-case');
  });

  await h.step('an error summary and inline messages appear, and the form stays', async () => {
    const summary = await waitFor(() => errorSummaryText(app), { what: 'the error summary (.govuk-error-summary)' });
    assert.equal(await app.title(), TITLES.addCase, 'still on the add-case form');
    const expected = {
      legal_name: [['legal_name'], ['legal_name-error']],
      upn: [['upn'], ['upn-error']],
      'date of birth': [
        ['dob-day'],
        ['dob-error', 'date_of_birth-error', 'dob-day-error', 'dob-month-error', 'dob-year-error'],
      ],
    };
    const problems = [];
    for (const [field, [fieldIds, errorIds]] of Object.entries(expected)) {
      const found = await app.session.execute(INLINE_ERROR, [fieldIds, errorIds]);
      if (!found.found) problems.push(`${field}: no inline error (looked for #${errorIds.join(', #')})`);
      else if (!found.isMessage) problems.push(`${field}: #${found.id} is not a p.govuk-error-message`);
      else if (!found.nextToField) problems.push(`${field}: #${found.id} is not in the field's form group`);
      else if (!found.text) problems.push(`${field}: #${found.id} is empty`);
    }
    for (const valid of ['preferred_name', 'school_urn', 'school_name', 'year_group']) {
      if (await app.exists(`#${valid}-error`)) problems.push(`${valid}: has an error though it is valid`);
    }
    assert.deepEqual(problems, [], `error summary said: ${summary}`);
    await app.scan('Add a case (with errors)');
    await docScreenshot(app, '04-add-case-errors.png');
  });

  await h.step('cancelling shows an empty caseload', async () => {
    await app.click('cancel');
    await app.waitForScreen(TITLES.caseload);
    assert.deepEqual(await app.caseIds(), []);
  });

  await h.step('the store holds no case', async () => {
    await app.quit();
    assert.deepEqual(await h.cli(['case', 'list', '--json']), []);
  });

  h.assertAccessible(t);
});
