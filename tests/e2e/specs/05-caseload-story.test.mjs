//! A worker's whole story with one family on the real app: a secondary-school sibling and a
//! primary-school pupil are referred; on the pupil's case two parents are added (one with parental
//! responsibility) and the sibling is linked; the case is accepted, allocated and starts its review
//! cycle; three contacts go into the chronology and the first is corrected; a plan gets a SMART
//! target, barriers and two actions (one overdue). The dashboard shows the midpoint check due, then,
//! once that and the cycle's review are recorded, the overdue action as the pupil's next step.
//! Closed with a reason after its review, the case is counted by the funnel in the app and by `caseload report funnel` alike, and the CLI sees
//! the same family and chronology.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Harness, TITLES } from '../lib/app.mjs';
import { docScreenshot } from '../lib/driver.mjs';
import { createCaseload, errorSummaryText, fillCaseForm, saveCaseForm, waitForCaseView } from '../lib/flows.mjs';
import { waitFor } from '../lib/webdriver.mjs';
import { daysAgo, typeDate, submitAndWait, count, takeStep, showCaseTab, showDashboard, addEntry, funnelRows } from '../lib/steps.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('caseload story');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: no real child has these names. */
const SIBLING = {
  legal_name: 'Testsibling Storyfield-Quill',
  preferred_name: '',
  dob: { day: '21', month: '1', year: '2011' },
  upn: 'P207000016049',
  school_urn: '100654',
  school_name: 'Testschool Ridge High',
  year_group: '9',
};

const PUPIL = {
  legal_name: 'Testpupil Storyfield-Quill',
  preferred_name: 'Quilla Testpref',
  dob: { day: '8', month: '6', year: '2016' },
  upn: 'B801200005001',
  school_urn: '100987',
  school_name: 'Testschool Brookside Primary',
  year_group: '4',
};

const PARENTS = [
  { name: 'Ms Testparent Quill', relationship: 'Mum', phone: '07700 900461', email: 'testparent.quill@example.com', pr: true },
  { name: 'Mr Teststep Quill', relationship: 'Stepdad', phone: '', email: '', pr: false },
];

const WORKER = 'A. Testworker';
const CLOSE_REASON = 'Attendance improving; family working with the school';
const CORRECTED_WHAT = 'Home visit: Quilla was dressed for school but said the playground is too loud.';

const ENTRIES = [
  {
    kind: 'home_visit',
    date: daysAgo(28),
    time: '10:00',
    who: 'Mum (Ms Testparent Quill), A. Testworker',
    what: 'Home visit: Quilla was in bed and said the playground is too loud.',
    outcome: 'Mum agreed to a meeting with the school',
    next_step: 'Book a meeting with the SENCo',
  },
  {
    kind: 'school_meeting',
    date: daysAgo(20),
    time: '14:30',
    who: 'SENCo, class teacher, Mum, A. Testworker',
    what: 'School meeting: agreed a quiet space at lunchtime.',
    outcome: 'Quiet space from next Monday',
    next_step: '',
  },
  {
    kind: 'phone_call',
    date: daysAgo(10),
    time: '09:15',
    who: 'Mum',
    what: 'Phone call: Quilla went in on four days this week.',
    outcome: '',
    next_step: 'Call again next week',
  },
];

const ACTIONS = [
  { what: 'Meet the SENCo about the lunchtime quiet space', owner: 'School: SENCo', due: daysAgo(2) },
  { what: 'Refer to the EBSA service', owner: WORKER, due: daysAgo(-10) },
];

async function text(app, id) {
  return (await (await app.el(id)).text()).trim();
}

/** Ticks a GOV.UK checkbox (its input is drawn over by the label), checking it took. */
async function tick(app, id) {
  await app.click(id);
  if (!(await (await app.el(id)).property('checked'))) {
    await app.session.execute('arguments[0].click();', [await app.el(id)]);
  }
  assert.equal(await (await app.el(id)).property('checked'), true, `#${id} is ticked`);
}

/** Adds a case from the dashboard and returns its id (the one id that was not there before). */
async function addCase(app, pupil, { phase, referred }) {
  const before = new Set(await app.caseIds());
  await app.click('add-case');
  await app.waitForScreen(TITLES.addCase, { scan: false });
  await fillCaseForm(app, pupil);
  await app.fill('school_phase', phase);
  await app.fill('referral_source', 'School');
  await typeDate(app, 'referral', referred);
  await app.scan(`Add a case (${phase})`);
  await saveCaseForm(app);
  await showDashboard(app);
  const added = await waitFor(
    async () => {
      const ids = (await app.caseIds()).filter((id) => !before.has(id));
      return ids.length > 0 ? ids : false;
    },
    { what: 'the new case in #case-table' },
  );
  assert.equal(added.length, 1, 'exactly one new case on the dashboard');
  return added[0];
}

test('one family’s story: carers, a sibling, the lifecycle, a corrected chronology and a plan with an overdue action, counted alike by the app and the CLI', async (t) => {
  const today = daysAgo(0);
  const targetBy = daysAgo(-60);
  const reviewOn = daysAgo(-21);
  const periodFrom = daysAgo(60);
  let siblingId;
  let caseId;
  let firstEntryId;

  const app = await h.step('start on an empty data dir and create the caseload', async () => {
    const started = await h.start();
    await createCaseload(started);
    return started;
  });

  await h.step('refer the sibling: a secondary-school case at another school', async () => {
    siblingId = await addCase(app, SIBLING, { phase: 'secondary', referred: daysAgo(45) });
    assert.match(await app.caseRowText(siblingId), /Testschool Ridge High/);
  });

  await h.step('refer the pupil: a primary-school case referred 40 days ago', async () => {
    caseId = await addCase(app, PUPIL, { phase: 'primary', referred: daysAgo(40) });
    await app.openCase(caseId);
    await waitForCaseView(app);
    await showCaseTab(app, 'plan');
    await waitFor(() => app.exists('#plan #edit-plan'), { what: 'the plan section (#edit-plan)' });
    assert.match(await text(app, 'plan-target'), /No target yet/);
    assert.ok(await app.exists('#plan-no-target'), 'the plan warns that it needs a SMART target');
    await app.scan('case view with an empty plan');
    await showCaseTab(app, 'family');
    await waitFor(() => app.exists('#family #edit-details'), { what: 'the family section (#edit-details)' });
    await app.scan('case view with an empty family');
  });

  await h.step('add two parents, one with parental responsibility', async () => {
    for (const parent of PARENTS) {
      const before = await count(app, '#carers-table tbody tr');
      await app.fill('carer-name', parent.name);
      await app.fill('carer-relationship', parent.relationship);
      await app.fill('carer-phone', parent.phone);
      await app.fill('carer-email', parent.email);
      if (parent.pr) await tick(app, 'carer-pr');
      await submitAndWait(
        app,
        'add-carer',
        async () => (await count(app, '#carers-table tbody tr')) === before + 1,
        `${parent.name} in #carers-table`,
      );
    }
    const rows = await app.session.execute(
      `return Array.from(document.querySelectorAll('#carers-table tbody tr')).map((tr) =>
         Array.from(tr.querySelectorAll('th, td')).slice(0, 4).map((c) => c.innerText.replace(/\\s+/g, ' ').trim()));`,
    );
    assert.deepEqual(rows, [
      [PARENTS[0].name, 'Mum', `${PARENTS[0].phone} ${PARENTS[0].email}`, 'Yes'],
      [PARENTS[1].name, 'Stepdad', 'Not given', 'No'],
    ]);
    assert.match(await text(app, 'family-name'), /Storyfield-Quill family/);
    await app.scan('case view with two carers');
  });

  await h.step('link the sibling found by searching the caseload', async () => {
    await app.fill('sibling-search', 'Testsib');
    await waitFor(() => app.exists(`#link-sibling-${siblingId}`), { what: `#link-sibling-${siblingId}` });
    assert.equal(await app.exists(`#link-sibling-${caseId}`), false, 'the pupil is not offered as their own sibling');
    await app.scan('case view with sibling search results');
    await submitAndWait(
      app,
      `link-sibling-${siblingId}`,
      () => app.exists(`#siblings-list a[data-case-id="${siblingId}"]`),
      'the sibling in #siblings-list',
    );
    assert.match(await text(app, 'siblings-list'), /Testsibling Storyfield-Quill[\s\S]*Testschool Ridge High, Year 9/);
  });

  await h.step('accept (39 days ago), allocate (35 days ago) and start the cycle (30 days ago)', async () => {
    await takeStep(app, 'accept', daysAgo(39));
    await takeStep(app, 'allocate', daysAgo(35), { 'step-team': 'afsw', 'step-worker': WORKER });
    await takeStep(app, 'start_cycle', daysAgo(30));
    assert.equal(await text(app, 'case-status'), 'Active');
  });

  await h.step('record three contacts in the chronology and correct the first', async () => {
    await showCaseTab(app, 'chronology');
    await waitFor(() => app.exists('#chronology #add-entry'), { what: 'the chronology form (#add-entry)' });
    for (const entry of ENTRIES) await addEntry(app, entry);
    const shown = await app.session.execute(
      `return Array.from(document.querySelectorAll('#chronology-list > li[data-entry-id]'))
         .map((li) => [li.getAttribute('data-entry-id'), li.getAttribute('data-kind')]);`,
    );
    assert.deepEqual(shown.map(([, kind]) => kind), ['home_visit', 'school_meeting', 'phone_call']);
    firstEntryId = shown[0][0];
    await app.click(`correct-${firstEntryId}`);
    await waitFor(async () => (await app.value('entry-who')) === ENTRIES[0].who, { what: 'the correction form prefilled' });
    await app.fill('entry-what', CORRECTED_WHAT);
    await app.scan('case view, correcting an entry');
    await submitAndWait(
      app,
      'add-entry',
      () => app.exists(`[data-entry-id="${firstEntryId}"] .app-chronology__corrections [data-corrects="${firstEntryId}"]`),
      'the correction beneath the home visit',
    );
    await app.scan('case view after a correction');
  });

  await h.step('set the plan: barriers and a SMART target of 95% within 60 days', async () => {
    await showCaseTab(app, 'plan');
    await waitFor(() => app.exists('#plan #edit-plan'), { what: 'the plan section (#edit-plan)' });
    await app.click('edit-plan');
    await waitFor(() => app.exists('#plan-form #save-plan'), { what: 'the plan form (#save-plan)' });
    for (const barrier of ['semh_ebsa', 'school_factors', 'transport']) await tick(app, `barrier-${barrier}`);
    await app.fill('other_barriers', 'Finds the playground too loud');
    await app.fill('target_pct', '95');
    await typeDate(app, 'target', targetBy);
    await app.fill('interventions', 'Quiet space at lunchtime; weekly check-in with the learning mentor');
    await typeDate(app, 'review-0', reviewOn);
    await app.scan('case view, plan form');
    await submitAndWait(
      app,
      'save-plan',
      async () => (await app.exists('#plan-saved')) && !(await app.exists('#plan-form')),
      'the plan to be saved (#plan-saved)',
    );
    assert.equal(await text(app, 'plan-target'), `95% by ${targetBy.long}`);
    assert.equal(await app.exists('#plan-no-target'), false, 'no warning once there is a target');
    const barriers = await text(app, 'plan-barriers');
    for (const label of ['SEMH or EBSA', 'School factors', 'Transport', 'Finds the playground too loud']) {
      assert.ok(barriers.includes(label), `the plan shows the barrier "${label}": ${barriers}`);
    }
    assert.match(await text(app, 'plan-reviews'), new RegExp(reviewOn.long));
    await app.scan('case view with a plan');
  });

  await h.step('add two actions: one due 2 days ago (overdue), one due in 10 days', async () => {
    for (const action of ACTIONS) {
      const before = await count(app, '#plan-actions tbody tr');
      await app.fill('action-what', action.what);
      await app.fill('action-owner', action.owner);
      await typeDate(app, 'action', action.due);
      await submitAndWait(
        app,
        'add-action',
        async () => (await count(app, '#plan-actions tbody tr')) === before + 1,
        `"${action.what}" in #plan-actions`,
      );
    }
    const rows = await app.session.execute(
      `return Array.from(document.querySelectorAll('#plan-actions tbody tr')).map((tr) => tr.innerText);`,
    );
    assert.equal(rows.length, 2);
    const overdue = rows.find((r) => r.includes(ACTIONS[0].what));
    const later = rows.find((r) => r.includes(ACTIONS[1].what));
    assert.match(overdue, new RegExp(`${ACTIONS[0].due.long}[\\s\\S]*Overdue`), `the first action is overdue: ${overdue}`);
    assert.doesNotMatch(later, /Overdue/, `the second action is not overdue: ${later}`);
    assert.match(later, /Open/);
    await app.scan('case view with plan actions');
    await app.session.execute('document.getElementById("plan").scrollIntoView();');
    await docScreenshot(app, '09-plan-family.png');
  });

  await h.step('the dashboard shows the midpoint check (9 days overdue) as the next step', async () => {
    await showDashboard(app);
    const row = await app.caseRowText(caseId);
    assert.match(row, /Midpoint check[\s\S]*Overdue/, `the row shows the midpoint check overdue: ${row}`);
  });

  // The review completes the cycle, so the closure below counts as closed after the 6-week cycle.
  await h.step('record the midpoint check and the review today', async () => {
    await app.openCase(caseId);
    await waitForCaseView(app);
    await takeStep(app, 'midpoint_check', today);
    await takeStep(app, 'review', today);
  });

  await h.step('the dashboard now shows the overdue action as the pupil’s next step', async () => {
    await showDashboard(app);
    const row = await app.caseRowText(caseId);
    assert.match(row, /Action/, `the row's next step is an action: ${row}`);
    assert.match(row, new RegExp(`${ACTIONS[0].due.long}[\\s\\S]*Overdue`), `the row shows the action's date, overdue: ${row}`);
    assert.ok(row.includes(ACTIONS[0].what), `the row names the action itself: ${row.replace(/\s+/g, ' ')}`);
  });

  await h.step('close the case with a reason', async () => {
    await app.openCase(caseId);
    await waitForCaseView(app);
    await takeStep(app, 'close', today, {
      'closure-category-attendance_improved': true,
      'step-note': CLOSE_REASON,
    });
    assert.equal(await text(app, 'case-status'), 'Closed');
    await showCaseTab(app, 'history');
    assert.ok((await text(app, 'case-history')).includes(CLOSE_REASON), 'the history shows the reason');
  });

  let inApp;
  await h.step('the funnel for the last 60 days counts the case as accepted and closed (primary)', async () => {
    await app.click('nav-reports');
    await app.waitForScreen('Case funnel');
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
    inApp = await funnelRows(app);
    assert.equal(inApp.cases_accepted?.label, 'Cases accepted');
    assert.deepEqual(
      [inApp.cases_accepted.primary, inApp.cases_accepted.secondary, inApp.cases_accepted.total],
      ['1', '0', '1'],
    );
    assert.equal(inApp.closed_after_cycle?.label, 'Closed after the 6-week cycle');
    assert.deepEqual(
      [inApp.closed_after_cycle.primary, inApp.closed_after_cycle.secondary, inApp.closed_after_cycle.total],
      ['1', '0', '1'],
    );
    assert.equal(inApp.assigned_afsw.total, '1');
  });

  await h.step('the CLI gives the same funnel, row by row', async () => {
    await app.quit();
    const report = await h.cli(['report', 'funnel', '--from', periodFrom.iso, '--to', today.iso, '--json']);
    const byKey = Object.fromEntries(report.rows.map((row) => [row.key, row]));
    const shownKeys = Object.keys(inApp).filter((key) => key !== 'improved_pct');
    assert.deepEqual(shownKeys.sort(), Object.keys(byKey).sort(), 'the same rows');
    for (const key of shownKeys) {
      const shown = inApp[key];
      const row = byKey[key];
      assert.equal(row.label, shown.label, `row ${key}'s label`);
      assert.deepEqual(
        [String(row.primary), String(row.secondary), String(row.total)],
        [shown.primary, shown.secondary, shown.total],
        `row ${key}`,
      );
    }
  });

  await h.step('the CLI shows both carers and the sibling in the family', async () => {
    const view = await h.cli(['family', 'show', caseId, '--json']);
    assert.ok(view.family, 'the pupil has a family');
    assert.deepEqual(
      view.family.carers.map((c) => [c.name, c.relationship, c.parental_responsibility]).sort(),
      [
        [PARENTS[0].name, 'Mum', true],
        [PARENTS[1].name, 'Stepdad', false],
      ].sort(),
    );
    assert.deepEqual(
      view.family.siblings.map((s) => [s.case_id, s.legal_name]),
      [[siblingId, SIBLING.legal_name]],
    );
  });

  await h.step('the CLI lists four chronology entries, the correction linked to the first', async () => {
    const entries = await h.cli(['chronology', 'list', caseId, '--json']);
    assert.equal(entries.length, 4);
    const corrections = entries.filter((e) => e.corrects !== null);
    assert.equal(corrections.length, 1);
    assert.equal(corrections[0].corrects, firstEntryId);
    assert.equal(corrections[0].what, CORRECTED_WHAT);
    const original = entries.find((e) => e.id === firstEntryId);
    assert.equal(original.what, ENTRIES[0].what, 'the original stays as it was');
    assert.deepEqual(original.corrected_by, [corrections[0].id]);
  });

  h.assertAccessible(t);
});
