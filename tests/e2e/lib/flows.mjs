//! Steps a worker takes that more than one spec uses: first run, unlock, the case form.

import { PASSPHRASE, TITLES } from './app.mjs';
import { waitFor } from './webdriver.mjs';

/** Synthetic pupils only: names no real child has. */
export const PUPIL = {
  legal_name: 'Testpupil Zebedee-Quux',
  preferred_name: 'Zedkin Testpref',
  dob: { day: '17', month: '5', year: '2013' },
  upn: 'B801200005001',
  school_urn: '100123',
  school_name: 'Testschool Vale Academy',
  year_group: '7',
};

export const EDITED = { preferred_name: 'Zorvath Testpref', year_group: '8' };

export const CLI_PUPIL = {
  legal_name: 'Testpupil Clivia-Xyst',
  preferred_name: 'Clivtest Xyst',
  dob: '2016-02-29',
  upn: 'P207000016049',
  school_urn: '100456',
  school_name: 'Testschool Brook Primary',
  year_group: '4',
};

export async function createCaseload(app, passphrase = PASSPHRASE) {
  await app.waitForScreen(TITLES.firstRun);
  await app.fill('passphrase', passphrase);
  await app.fill('passphrase_confirm', passphrase);
  await app.click('create-caseload');
  await app.waitForScreen(TITLES.caseload);
}

export async function unlock(app, passphrase = PASSPHRASE) {
  await app.waitForScreen(TITLES.unlock);
  await app.fill('unlock-passphrase', passphrase);
  await app.click('unlock');
  await app.waitForScreen(TITLES.caseload);
}

export async function fillCaseForm(app, pupil) {
  for (const field of ['legal_name', 'preferred_name', 'upn', 'school_urn', 'school_name', 'year_group']) {
    if (pupil[field] !== undefined) await app.fill(field, pupil[field]);
  }
  if (pupil.dob) {
    await app.fill('dob-day', pupil.dob.day);
    await app.fill('dob-month', pupil.dob.month);
    await app.fill('dob-year', pupil.dob.year);
  }
}

export async function errorSummaryText(app) {
  const summaries = await app.session.findAll('.govuk-error-summary');
  return summaries.length ? (await summaries[0].text()).trim() : null;
}

/**
 * Clicks save-case and waits for the form to give way to another screen; fails with the error
 * summary's text if the app refuses the input instead.
 */
export async function saveCaseForm(app) {
  const formTitle = await app.title();
  await app.click('save-case');
  let refused = null;
  const title = await waitFor(
    async () => {
      refused = await errorSummaryText(app);
      if (refused) return true;
      const now = await app.title();
      return now !== formTitle ? now : false;
    },
    { timeoutMs: 15_000, what: `the case form ("${formTitle}") to be saved` },
  );
  if (refused) throw new Error(`the app refused the case form: ${refused}`);
  return title;
}

/** Waits for the case view (it has the edit-case button) and scans it. */
export async function waitForCaseView(app) {
  await waitFor(() => app.exists('#edit-case'), { timeoutMs: 15_000, what: 'the case view (#edit-case)' });
  const title = await app.title();
  await app.scan(`case view "${title}"`);
  return title;
}
