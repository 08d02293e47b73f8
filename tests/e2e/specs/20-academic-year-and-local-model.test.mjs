//! The academic year and the local model on the real app (#15). A pupil 100% present last academic
//! year and 20 of 20 sessions unauthorised this year (session marks imported with the CLI): the
//! dashboard shows 0.0% and SA (pooled, it read 83.3% with only PA), says which year it is for, and
//! the case's Attendance part heads its marks with the year and shows last year beside it. In
//! Settings → Local model, a group added for 0–40% is saved (the CLI reads it back), the dashboard's
//! Group column names it for the pupil and its filter keeps the pupil; the CLI's `dashboard --json`
//! agrees.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness } from '../lib/app.mjs';
import { docScreenshot } from '../lib/driver.mjs';
import { createCaseload, unlock } from '../lib/flows.mjs';
import { showCaseTab, showDashboard } from '../lib/steps.mjs';
import { waitFor } from '../lib/webdriver.mjs';

const UPN = 'B801200005001';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('academic-year-and-local-model');
});

after(async () => {
  await h?.teardown();
});

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

function iso(d) {
  return LONDON.format(d);
}

/** The academic year of a date: the calendar year of its 1 September. */
function academicYear(d) {
  const [y, m] = iso(d).split('-').map(Number);
  return m >= 9 ? y : y - 1;
}

function label(year) {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** Up to `n` weekdays from `to` back to `from` (Date objects at noon UTC), latest first. */
function weekdaysBack(from, to, n) {
  const out = [];
  for (let d = new Date(to); d >= from && out.length < n; d = new Date(d.getTime() - 86_400_000)) {
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) out.push(iso(d));
  }
  return out;
}

function marksCsv() {
  const today = new Date(`${iso(new Date())}T12:00:00Z`);
  const year = academicYear(today);
  const rows = ['upn,date,session,code'];
  const spring = new Date(Date.UTC(year, 2, 2, 12));
  for (const d of weekdaysBack(new Date(spring.getTime() - 80 * 86_400_000), spring, 50)) {
    rows.push(`${UPN},${d},AM,/`, `${UPN},${d},PM,/`);
  }
  const thisYear = weekdaysBack(new Date(Date.UTC(year, 8, 1, 12)), today, 10);
  for (const d of thisYear) rows.push(`${UPN},${d},AM,O`, `${UPN},${d},PM,O`);
  return { csv: `${rows.join('\n')}\n`, year, days: thisYear.length };
}

/** Scrolls `id` into view, then (with CASELOAD_E2E_SHOTS) saves a screenshot named `name`. */
async function shot(app, id, name) {
  await app.session.executeAsync(
    'const done = arguments[arguments.length - 1]; const el = document.getElementById(arguments[0]); if (el) el.scrollIntoView(); requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
    [id],
  );
  if (process.env.CASELOAD_E2E_SHOTS) await app.screenshot(path.join(process.env.CASELOAD_E2E_SHOTS, name));
}

test('this academic year is never pooled with the last, and the local model is set in Settings and shown on the dashboard', async () => {
  const first = await h.step('create the caseload', async () => {
    const app = await h.start();
    await createCaseload(app);
    return app;
  });
  await first.quit();

  const state = await h.step('add a case and import last year’s and this year’s marks with the CLI', async () => {
    const added = await h.cli([
      'case', 'add', '--legal-name', 'Testpupil Yearsplit-Synthetic', '--dob', '2013-03-04', '--upn', UPN,
      '--school-urn', '100777', '--school-name', 'Testschool Year Academy', '--year-group', '8', '--json',
    ]);
    const marks = marksCsv();
    const file = path.join(h.ws.root, 'marks.csv');
    fs.writeFileSync(file, marks.csv);
    await h.cli(['import', 'marks', file, '--json']);
    return { id: added.id, ...marks };
  });

  const app = await h.step('unlock', async () => {
    const started = await h.start();
    await unlock(started);
    return started;
  });

  await h.step('the dashboard shows this year alone: 0.0% and severely absent', async () => {
    await showDashboard(app);
    const year = await (await app.el('dashboard-year')).text();
    assert.match(year, new RegExp(`Attendance is for ${label(state.year).replace('/', '\\/')} to date`));
    if (state.days === 0) return; // the first days of September: no school day yet this year
    const row = await app.caseRowText(state.id);
    assert.match(row, /0\.0%/, `the row reads ${row}`);
    assert.match(row, /\bSA\b/);
    assert.doesNotMatch(row, /83\.3%/);
    const cli = await h.cli(['dashboard', '--json']);
    assert.equal(cli.rows[0].attendance_pct, 0);
    assert.equal(cli.rows[0].severe_absence, true);
    assert.equal(cli.rows[0].last_year_pct, 100);
  });

  await h.step('the case’s marks are headed with the year, last year beside them', async () => {
    await app.openCase(state.id);
    await showCaseTab(app, 'attendance');
    await waitFor(() => app.exists('#marks-title'), { what: 'the marks summary' });
    const title = await (await app.el('marks-title')).text();
    assert.equal(title, `Imported session marks: ${label(state.year)} to date`);
    const lastYear = await (await app.el('marks-last-year')).text();
    assert.match(lastYear, /100\.0%/);
    await app.scan('case view, attendance by academic year');
    await shot(app, 'marks-summary', 'case-marks-academic-year.png');
    // The user guide's picture of this year's marks with last year beside them.
    await docScreenshot(app, '24-marks-academic-year.png');
  });

  await h.step('Settings → Local model: the example is there; a group for 0–40% is added and saved', async () => {
    await app.click('nav-settings');
    await app.waitForScreen('Settings');
    await waitFor(() => app.exists('#model-group-0-name'), { what: 'the local model form' });
    assert.equal(await app.value('model-group-0-name'), 'Wave 1');
    await app.click('model-add-group');
    await waitFor(() => app.exists('#model-group-3-name'), { what: 'a new group row' });
    await app.fill('model-group-3-name', 'Wave 4');
    await app.fill('model-group-3-from', '0');
    await app.fill('model-group-3-to', '40');
    await app.fill('model-group-3-criteria', 'Synthetic: the lowest attendance');
    await app.click('save-local-model');
    await waitFor(() => app.exists('#local-model-saved'), { what: 'the saved banner' });
    await app.scan('Settings, local model saved');
    await shot(app, 'local-model', 'settings-local-model.png');
    await docScreenshot(app, '25-settings-local-model.png');
    const model = await h.cli(['local-model', 'show', '--json']);
    assert.deepEqual(
      model.groups.map((g) => [g.name, g.from_pct, g.to_pct]),
      [['Wave 1', 71, 95], ['Wave 2', 41, 70], ['Wave 3', 41, 70], ['Wave 4', 0, 40]],
    );
  });

  await h.step('the dashboard’s Group column names the group and its filter keeps the pupil', async () => {
    await showDashboard(app);
    if (state.days === 0) return;
    const row = await app.caseRowText(state.id);
    assert.match(row, /Wave 4/);
    await app.fill('dashboard-group', 'Wave 4');
    await waitFor(async () => (await app.caseIds()).length === 1, { what: 'the filtered table' });
    await app.fill('dashboard-group', 'Wave 1');
    await waitFor(() => app.exists('#dashboard-no-match'), { what: 'no case in Wave 1' });
    const cli = await h.cli(['dashboard', '--group', 'Wave 4', '--json']);
    assert.deepEqual(cli.rows.map((r) => r.id), [state.id]);
    await app.fill('dashboard-group', '');
    await app.scan('Your caseload, local model groups');
  });
});
