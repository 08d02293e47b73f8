//! A case's whole life on the real app: referred (with a phase and a back-dated referral), accepted,
//! allocated, a review cycle started, two attendance readings; the dashboard shows its attendance
//! going up and its midpoint check overdue and due this week; closed with a reason, it leaves the
//! dashboard; Reports counts it by attendance band while open; the case funnel in the app and
//! from the CLI counts it the same way.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Harness, TITLES } from '../lib/app.mjs';
import { docScreenshot } from '../lib/driver.mjs';
import { createCaseload, errorSummaryText, fillCaseForm, saveCaseForm, waitForCaseView } from '../lib/flows.mjs';
import { waitFor } from '../lib/webdriver.mjs';
import { daysAgo, typeDate, takeStep, showCaseTab, showDashboard, funnelRows } from '../lib/steps.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('case lifecycle');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: no real child has this name. */
const PUPIL = {
  legal_name: 'Testpupil Lifecyclia-Quorn',
  preferred_name: 'Lyfe Testpref',
  dob: { day: '3', month: '11', year: '2016' },
  upn: 'B801200005001',
  school_urn: '100789',
  school_name: 'Testschool Meadow Primary',
  year_group: '4',
};

const WORKER = 'A. Testworker';
const CLOSE_REASON = 'Attendance back up; family engaging with school';

async function recordReading(app, date, counts) {
  await showCaseTab(app, 'attendance');
  const before = await app.session.execute(
    'return document.querySelectorAll("#attendance-table tbody tr").length;',
  );
  await typeDate(app, 'as_at', date);
  for (const [id, value] of Object.entries(counts)) await app.fill(id, value);
  await app.click('record-attendance');
  let refused = null;
  await waitFor(
    async () => {
      refused = await errorSummaryText(app);
      if (refused) return true;
      const rows = await app.session.execute(
        'return document.querySelectorAll("#attendance-table tbody tr").length;',
      );
      return rows === before + 1;
    },
    { timeoutMs: 15_000, what: 'a new row in #attendance-table' },
  );
  if (refused) throw new Error(`the app refused the reading: ${refused}`);
  await app.scan(`case view after a reading as at ${date.iso}`);
}

test('a case goes from referral to closure, the dashboard follows it, and the funnel counts it in the app and the CLI alike', async (t) => {
  const referred = daysAgo(60);
  const accepted = daysAgo(59);
  const allocated = daysAgo(55);
  // The cycle started over six weeks ago, so closing today is closing after the 6-week cycle.
  const cycleStart = daysAgo(50);
  const firstReading = daysAgo(25);
  const secondReading = daysAgo(2);
  const periodFrom = daysAgo(65);
  const today = daysAgo(0);
  let caseId;

  const app = await h.step('start on an empty data dir and create the caseload', async () => {
    const started = await h.start();
    await createCaseload(started);
    return started;
  });

  await h.step('add a primary-school case referred 40 days ago', async () => {
    await app.click('add-case');
    await app.waitForScreen(TITLES.addCase, { scan: false });
    assert.deepEqual(
      [await app.value('referral-day'), await app.value('referral-month'), await app.value('referral-year')],
      [today.day, today.month, today.year],
      'the referral date starts as today',
    );
    await fillCaseForm(app, PUPIL);
    await app.fill('school_phase', 'primary');
    await app.fill('referral_source', 'School');
    await typeDate(app, 'referral', referred);
    await app.scan('Add a case (with phase and referral)');
    await saveCaseForm(app);
    await showDashboard(app);
    const ids = await waitFor(async () => {
      const found = await app.caseIds();
      return found.length ? found : false;
    }, { what: 'the new case in #case-table' });
    assert.equal(ids.length, 1);
    caseId = ids[0];
    assert.match(await app.caseRowText(caseId), /Referred/);
  });

  await h.step('open the case: it shows the referral and offers Accept', async () => {
    await app.openCase(caseId);
    await waitForCaseView(app);
    const progress = await (await app.el('case-progress')).text();
    assert.match(progress, new RegExp(`${referred.day} \\w+ ${referred.year}`), 'the referral date is shown');
    assert.ok(await app.exists('#step-accept'), 'Accept is offered');
    await showCaseTab(app, 'history');
    assert.match(await (await app.el('case-history')).text(), /Referred/);
  });

  await h.step('accept it 59 days ago', () => takeStep(app, 'accept', accepted));
  await h.step('allocate it to the attendance and family support team', () =>
    takeStep(app, 'allocate', allocated, { 'step-team': 'afsw', 'step-worker': WORKER }),
  );
  await h.step('start the review cycle 50 days ago', () => takeStep(app, 'start_cycle', cycleStart));

  await h.step('the case is active, allocated, with its midpoint check overdue and every step in its history', async () => {
    assert.equal((await (await app.el('case-status')).text()).trim(), 'Active');
    const progress = await (await app.el('case-progress')).text();
    assert.match(progress, new RegExp(WORKER.replace('.', '\\.')));
    assert.match(progress, /Attendance and family support workers/);
    assert.match(await (await app.el('case-next-due')).text(), /Midpoint check[\s\S]*Overdue/);
    const primary = await app.session.execute(
      'return Array.from(document.querySelectorAll("#case-steps .govuk-button:not(.govuk-button--secondary)")).map((b) => b.id);',
    );
    assert.deepEqual(primary, ['step-midpoint_check'], 'the overdue midpoint check is the primary button');
    await showCaseTab(app, 'history');
    const history = await app.session.execute(
      'return Array.from(document.querySelectorAll("#case-history .moj-timeline__title")).map((e) => e.innerText.trim());',
    );
    assert.deepEqual(history, ['Review cycle started', 'Allocated', 'Accepted', 'Referred'], 'newest first');
  });

  await h.step('record two attendance readings, 70% then 85%', async () => {
    await recordReading(app, firstReading, { possible: '100', present: '70', authorised: '10', unauthorised: '20' });
    await recordReading(app, secondReading, { possible: '100', present: '85', authorised: '5', unauthorised: '10' });
    const table = await (await app.el('attendance-table')).text();
    assert.match(table, /70\.0%/);
    assert.match(table, /85\.0%/);
  });

  await h.step('the dashboard shows 85.0% going up, the midpoint check overdue, and the case counted as overdue above the table', async () => {
    await showDashboard(app);
    const row = await app.caseRowText(caseId);
    assert.match(row, /85\.0%/, `the row shows the latest attendance: ${row}`);
    assert.match(row, /↑/, `the row shows an up arrow: ${row}`);
    assert.match(row, /Active/);
    assert.match(row, /Midpoint check[\s\S]*Overdue/, `the row marks the midpoint check overdue: ${row}`);
    await app.click('filter-overdue');
    await waitFor(() => app.exists('#filter-overdue[aria-pressed="true"]'), {
      what: 'the "cases overdue" filter to be on (#filter-overdue)',
    });
    assert.match(await (await app.el('filter-overdue')).text(), /1\s+case overdue/);
    assert.deepEqual(await app.caseIds(), [caseId], 'the overdue filter keeps the overdue case');
    await app.scan('Your caseload, overdue cases only');
    await app.click('filter-overdue');
    await docScreenshot(app, '06-dashboard.png');
  });

  await h.step('Reports counts the open case in the band of its latest attendance, 81-90%', async () => {
    await app.click('nav-reports');
    await app.waitForScreen('Case funnel', { scan: false });
    await waitFor(() => app.exists('#bands-table'), { what: 'the band table (#bands-table)' });
    await app.scan('Reports with the open caseload by band');
    const rows = await app.session.execute(
      `return Array.from(document.querySelectorAll('#bands-table tbody tr')).map((r) =>
         [r.querySelector('th').innerText.trim(), r.querySelector('td').innerText.trim()]);`,
    );
    assert.equal(rows.length, 11, 'ten bands and "no figure"');
    assert.deepEqual(rows[8], ['81-90%', '1'], 'the latest reading, 85%, counts');
    assert.equal(rows.filter(([, n]) => n !== '0').length, 1, 'the one open case is counted once');
    await app.session.execute(
      'document.getElementById("bands-heading").scrollIntoView({ block: "start" });',
    );
    await docScreenshot(app, '16-caseload-bands.png');
    await showDashboard(app);
  });

  await h.step('close the case today with a reason', async () => {
    await app.openCase(caseId);
    await waitForCaseView(app);
    await takeStep(app, 'close', today, {
      'closure-category-attendance_improved': true,
      'step-note': CLOSE_REASON,
    });
    assert.equal((await (await app.el('case-status')).text()).trim(), 'Closed');
    assert.equal(
      (await (await app.el('case-closure-category')).text()).trim(),
      'Attendance improved and sustained',
      'the case shows why it closed, as the category chosen',
    );
    assert.ok(await app.exists('#step-reopen'), 'a closed case can be reopened');
    await showCaseTab(app, 'history');
    assert.ok((await (await app.el('case-history')).text()).includes(CLOSE_REASON), 'the history shows the reason');
  });

  await h.step('the closed case has left the dashboard', async () => {
    await showDashboard(app);
    assert.deepEqual(await app.caseIds(), []);
    assert.ok(await app.exists('#empty-caseload'), 'the dashboard says there are no open cases');
  });

  let inApp;
  await h.step('the case funnel for the period counts the case', async () => {
    await app.click('nav-reports');
    await app.waitForScreen('Case funnel');
    await waitFor(() => app.exists('#funnel-table'), {
      what: 'the funnel for the default period, shown without pressing the button (#funnel-table)',
    });
    await typeDate(app, 'from', periodFrom);
    await typeDate(app, 'to', today);
    await app.click('run-funnel');
    await waitFor(
      async () =>
        (await app.exists('#funnel-table')) &&
        (await (await app.el('funnel-table')).text()).includes(`${periodFrom.long} to ${today.long}`),
      { what: 'the funnel table for the period typed (#funnel-table)' },
    );
    await app.scan('Case funnel (results)');
    const chart = await app.session.execute(
      "const svg = document.querySelector('#funnel-chart'); return svg && [svg.getAttribute('role'), svg.getAttribute('aria-label')];",
    );
    assert.equal(chart?.[0], 'img', 'the funnel chart is an svg image (#funnel-chart)');
    assert.match(chart[1], /^Bar chart: cases at each stage of the funnel, primary and secondary/);
    inApp = await funnelRows(app);
    assert.equal(inApp.cases_accepted?.label, 'Cases accepted');
    assert.deepEqual(
      [inApp.cases_accepted.primary, inApp.cases_accepted.secondary, inApp.cases_accepted.total],
      ['1', '0', '1'],
    );
    assert.equal(inApp.closed_after_cycle?.label, 'Closed after the 6-week cycle');
    assert.equal(inApp.closed_after_cycle.total, '1');
    assert.equal(inApp.closed_improved?.label, 'Closed with attendance improved');
    assert.equal(inApp.closed_improved.total, '1');
    assert.equal(inApp.closed_improved.primary, '1');
    assert.deepEqual(
      [inApp.improved_pct.primary, inApp.improved_pct.total],
      ['100.0%', '100.0%'],
      'the improved share of closures',
    );
    await docScreenshot(app, '07-funnel.png');
  });

  await h.step('the settings screen shows the teams and the cycle', async () => {
    await app.click('nav-settings');
    await app.waitForScreen('Settings', { scan: false });
    await waitFor(() => app.exists('#save-settings'), { what: 'the settings form' });
    assert.equal(await app.value('team-id-0'), 'afsw');
    assert.equal(await app.value('cycle_weeks'), '6');
    await app.scan('Settings');
  });

  await h.step('the CLI gives the same funnel', async () => {
    await app.quit();
    const report = await h.cli(['report', 'funnel', '--from', periodFrom.iso, '--to', today.iso, '--json']);
    const byKey = Object.fromEntries(report.rows.map((row) => [row.key, row]));
    for (const [key, shown] of Object.entries(inApp)) {
      if (key === 'improved_pct') continue;
      const row = byKey[key];
      assert.ok(row, `the CLI has the row ${key}`);
      assert.equal(row.label, shown.label);
      assert.deepEqual(
        [String(row.primary), String(row.secondary), String(row.total)],
        [shown.primary, shown.secondary, shown.total],
        `row ${key}`,
      );
    }
    assert.equal(byKey.cases_accepted.total, 1);
    assert.equal(byKey.closed_improved.total, 1);
    assert.deepEqual([report.improved_pct[0], report.improved_pct[2]], [100, 100]);
  });

  h.assertAccessible(t);
});
