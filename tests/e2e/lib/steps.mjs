//! Steps the case-record specs share: dates as a worker types them, submitting a form and
//! waiting for the app to confirm (or failing with its error summary), lifecycle steps, the
//! dashboard, chronology entries, and the funnel table.

import { TITLES } from './app.mjs';
import { errorSummaryText } from './flows.mjs';
import { waitFor } from './webdriver.mjs';

const LONDON = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** The London calendar date `n` days before today (negative: after), as ISO, typed parts and words. */
export function daysAgo(n) {
  const iso = LONDON.format(new Date(Date.now() - n * 86_400_000));
  const [year, month, day] = iso.split('-');
  return {
    iso,
    day: String(Number(day)),
    month: String(Number(month)),
    year,
    long: `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`,
  };
}

/** Types a date into a GOV.UK date input whose fields are `<prefix>-day/-month/-year`. */
export async function typeDate(app, prefix, date) {
  await app.fill(`${prefix}-day`, date.day);
  await app.fill(`${prefix}-month`, date.month);
  await app.fill(`${prefix}-year`, date.year);
}

/** What a GOV.UK date input's day, month and year fields hold, as `{ day, month, year }`. */
export async function dateValue(app, prefix) {
  return {
    day: await app.value(`${prefix}-day`),
    month: await app.value(`${prefix}-month`),
    year: await app.value(`${prefix}-year`),
  };
}

export function count(app, css) {
  return app.session.execute('return document.querySelectorAll(arguments[0]).length;', [css]);
}

/** Clicks `id` and waits until `done()` holds; fails with the error summary if the app refuses. */
export async function submitAndWait(app, id, done, what) {
  await app.click(id);
  let refused = null;
  await waitFor(
    async () => {
      refused = await errorSummaryText(app);
      return refused || (await done());
    },
    { timeoutMs: 15_000, what },
  );
  if (refused) throw new Error(`the app refused it (${what}): ${refused}`);
}

/**
 * Shows one part of the case view (`overview`, `chronology`, `plan`, `attendance`, `family`,
 * `legal`, `history`) from its sub navigation link, unless it is already the current one.
 */
export async function showCaseTab(app, tab) {
  await waitFor(() => app.exists(`#case-tab-${tab}`), { what: `the case's sub navigation (#case-tab-${tab})` });
  const current = await (await app.el(`case-tab-${tab}`)).attribute('aria-current');
  if (current !== 'page') await app.click(`case-tab-${tab}`);
  await waitFor(() => app.exists(`#case-part-${tab}`), { what: `the case's ${tab} (#case-part-${tab})` });
}

/** Opens a lifecycle step from its button, types the date and its fields, saves, and waits. */
export async function takeStep(app, kind, date, fields = {}) {
  await showCaseTab(app, 'overview');
  await app.click(`step-${kind}`);
  await waitFor(() => app.exists('#step-form #step-save'), { what: `the ${kind} form (#step-save)` });
  await typeDate(app, 'step', date);
  // A value of `true` clicks the element (a radio, such as the closure category); text is typed.
  for (const [id, value] of Object.entries(fields)) {
    if (value === true) await app.click(id);
    else await app.fill(id, value);
  }
  await app.scan(`case view, ${kind} form`);
  await submitAndWait(
    app,
    'step-save',
    async () => (await app.exists('#step-done')) && !(await app.exists('#step-form')),
    `the ${kind} step to be recorded (#step-done)`,
  );
  await app.scan(`case view after ${kind}`);
}

export async function showDashboard(app) {
  await app.click('nav-caseload');
  await app.waitForScreen(TITLES.caseload, { scan: false });
  await waitFor(async () => (await app.exists('#case-table')) || (await app.exists('#empty-caseload')), {
    what: 'the dashboard (#case-table or #empty-caseload)',
  });
  await app.scan('Your caseload (dashboard)');
}

/** Adds a chronology entry through the case view's form and waits for it to be listed. */
export async function addEntry(app, entry) {
  await showCaseTab(app, 'chronology');
  const before = await count(app, '#chronology-list li[data-entry-id]');
  await app.fill('entry-kind', entry.kind);
  await typeDate(app, 'entry', entry.date);
  await app.fill('entry-time', entry.time);
  await app.fill('entry-who', entry.who);
  await app.fill('entry-what', entry.what);
  await app.fill('entry-outcome', entry.outcome ?? '');
  await app.fill('entry-next_step', entry.next_step ?? '');
  await submitAndWait(
    app,
    'add-entry',
    async () => (await count(app, '#chronology-list li[data-entry-id]')) === before + 1,
    `a new ${entry.kind} entry in #chronology-list`,
  );
  await app.scan(`case view after adding a ${entry.kind} entry`);
}

/** The funnel table as `{key: {label, primary, secondary, total}}`. */
export function funnelRows(app) {
  return app.session.execute(`
    const rows = {};
    for (const tr of document.querySelectorAll('#funnel-table tbody tr[data-key]')) {
      const cells = Array.from(tr.querySelectorAll('td')).map((td) => td.innerText.trim());
      rows[tr.getAttribute('data-key')] = {
        label: tr.querySelector('th').innerText.trim(),
        primary: cells[0], secondary: cells[1], total: cells[2],
      };
    }
    return rows;`);
}
