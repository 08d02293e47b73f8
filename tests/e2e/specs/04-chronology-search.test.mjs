//! A case's chronology and the search box on the real app: three contacts recorded (home visit,
//! phone call, letter), the first corrected by a new entry that sits beneath it while its own
//! text stays as it was; the kind filter; the CLI sees the same four entries and which one
//! corrects which; then typing part of the pupil's surname into "Search pupils" finds the case
//! and Enter opens it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Harness, TITLES } from '../lib/app.mjs';
import { docScreenshot } from '../lib/driver.mjs';
import { createCaseload, errorSummaryText, fillCaseForm, saveCaseForm, unlock, waitForCaseView } from '../lib/flows.mjs';
import { waitFor } from '../lib/webdriver.mjs';
import { daysAgo, addEntry, count, showCaseTab } from '../lib/steps.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('chronology and search');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: no real child has this name. */
const PUPIL = {
  legal_name: 'Testpupil Chronika-Vexworth',
  preferred_name: 'Nika Testpref',
  dob: { day: '9', month: '2', year: '2014' },
  upn: 'B801200005001',
  school_urn: '100321',
  school_name: 'Testschool Orchard Academy',
  year_group: '6',
};

const ENTRIES = [
  {
    kind: 'home_visit',
    date: daysAgo(3),
    time: '10:00',
    who: 'Mum (Ms Testparent), A. Testworker',
    what: 'Home visit: Nika was in bed and said the school corridors are too loud.',
    outcome: 'Mum agreed to a meeting with the school',
    next_step: 'Book a meeting with the SENCo',
  },
  {
    kind: 'phone_call',
    date: daysAgo(2),
    time: '11:15',
    who: 'Class teacher',
    what: 'Phone call: Nika came in on Tuesday and Wednesday.',
    outcome: '',
    next_step: 'Call again on Friday',
  },
  {
    kind: 'letter',
    date: daysAgo(1),
    time: '09:30',
    who: 'Parents',
    what: 'Letter: invitation to the attendance meeting sent by post.',
    outcome: '',
    next_step: '',
  },
];

const CORRECTED_WHAT = 'Home visit: Nika was up and dressed and said the school corridors are too loud.';

/** Top-level chronology entries as [id, kind], in the order shown. */
function shownEntries(app) {
  return app.session.execute(
    `return Array.from(document.querySelectorAll('#chronology-list > li[data-entry-id]'))
       .map((li) => [li.getAttribute('data-entry-id'), li.getAttribute('data-kind')]);`,
  );
}

test('a chronology keeps a corrected entry beside its correction, filters by kind, agrees with the CLI, and search opens the case', async (t) => {
  let caseId;
  let firstId;

  let app = await h.step('start on an empty data dir, create the caseload and add a case', async () => {
    const started = await h.start();
    await createCaseload(started);
    await started.click('add-case');
    await started.waitForScreen(TITLES.addCase, { scan: false });
    await fillCaseForm(started, PUPIL);
    await saveCaseForm(started);
    await started.click('nav-caseload');
    await started.waitForScreen(TITLES.caseload, { scan: false });
    const ids = await waitFor(async () => {
      const found = await started.caseIds();
      return found.length ? found : false;
    }, { what: 'the new case in #case-table' });
    caseId = ids[0];
    await started.openCase(caseId);
    await waitForCaseView(started);
    return started;
  });

  await h.step('the case view has an empty chronology and a form dated today', async () => {
    await showCaseTab(app, 'chronology');
    await waitFor(() => app.exists('#chronology-empty'), { what: 'the empty chronology (#chronology-empty)' });
    const today = daysAgo(0);
    assert.deepEqual(
      [await app.value('entry-day'), await app.value('entry-month'), await app.value('entry-year')],
      [today.day, today.month, today.year],
    );
    assert.match(await app.value('entry-time'), /^\d{2}:\d[05]$/, 'the time starts as now, rounded to 5 minutes');
  });

  await h.step('add a home visit, a phone call and a letter', async () => {
    for (const entry of ENTRIES) await addEntry(app, entry);
    const shown = await shownEntries(app);
    assert.deepEqual(
      shown.map(([, kind]) => kind),
      ['home_visit', 'phone_call', 'letter'],
      'in the order they happened',
    );
    firstId = shown[0][0];
    const first = await (await app.session.find(`[data-entry-id="${firstId}"] h3`)).text();
    assert.match(first, new RegExp(`Home visit, ${ENTRIES[0].date.day} \\w+ ${ENTRIES[0].date.year}, 10am`));
  });

  await h.step('correct the home visit: the form is prefilled and says the original stays', async () => {
    await app.click(`correct-${firstId}`);
    await waitFor(() => app.exists('#correction-notice'), { what: 'the correction notice' });
    const notice = await (await app.el('correction-notice')).text();
    assert.match(notice, /You are adding a correction to the entry of .*10am\. The original stays in the chronology\./);
    assert.equal(await app.value('entry-who'), ENTRIES[0].who);
    assert.equal(await app.value('entry-kind'), 'home_visit');
    await app.scan('case view, correcting an entry');
    await app.fill('entry-what', CORRECTED_WHAT);
    await app.click('add-entry');
    let refused = null;
    await waitFor(
      async () => {
        refused = await errorSummaryText(app);
        return refused || (await app.exists(`[data-entry-id="${firstId}"] .app-chronology__corrections [data-corrects="${firstId}"]`));
      },
      { timeoutMs: 15_000, what: 'the correction beneath the home visit' },
    );
    if (refused) throw new Error(`the app refused the correction: ${refused}`);
    await app.scan('case view after a correction');
  });

  await h.step('the original and its correction show together, the original text unchanged', async () => {
    const group = await app.session.execute(
      `const li = document.querySelector('#chronology-list > li[data-entry-id="' + CSS.escape(arguments[0]) + '"]');
       const own = li.querySelector(':scope > .moj-timeline__description > dl [data-field="what"]').innerText.trim();
       const tag = li.querySelector(':scope > .moj-timeline__header > h3').innerText;
       const corrections = Array.from(li.querySelectorAll('.app-chronology__corrections > li')).map((c) => ({
         heading: c.querySelector('h4').innerText.trim(),
         what: c.querySelector('[data-field="what"]').innerText.trim(),
         corrects: c.querySelector('[data-field="corrects"]').innerText.trim(),
       }));
       return { own, tag, corrections, topLevel: document.querySelectorAll('#chronology-list > li').length };`,
      [firstId],
    );
    assert.equal(group.own, ENTRIES[0].what, 'the original text stays as it was');
    assert.match(group.tag, /Corrected/);
    assert.equal(group.corrections.length, 1);
    assert.match(group.corrections[0].heading, /^Correction\s+Home visit/);
    assert.equal(group.corrections[0].what, CORRECTED_WHAT);
    assert.match(group.corrections[0].corrects, /^Corrects the Home visit entry of /, 'the correction names what it corrects');
    assert.equal(group.topLevel, 3, 'the correction is not a separate top-level entry');
    await app.session.execute('document.getElementById("chronology").scrollIntoView();');
    await docScreenshot(app, '08-chronology.png');
  });

  await h.step('filtering by phone call shows one entry', async () => {
    await app.fill('chronology-filter', 'phone_call');
    await waitFor(async () => (await shownEntries(app)).length === 1, { what: 'one entry after filtering' });
    const shown = await shownEntries(app);
    assert.equal(shown[0][1], 'phone_call');
    await app.scan('case view, chronology filtered to phone calls');
    await app.fill('chronology-filter', '');
    await waitFor(async () => (await shownEntries(app)).length === 3, { what: 'all entries again' });
  });

  await h.step('the CLI lists the four entries, the correction naming the first', async () => {
    await app.quit();
    const entries = await h.cli(['chronology', 'list', caseId, '--json']);
    assert.equal(entries.length, 4);
    const corrections = entries.filter((e) => e.corrects !== null);
    assert.equal(corrections.length, 1);
    assert.equal(corrections[0].corrects, firstId);
    assert.equal(corrections[0].what, CORRECTED_WHAT);
    const original = entries.find((e) => e.id === firstId);
    assert.equal(original.what, ENTRIES[0].what);
    assert.deepEqual(original.corrected_by, [corrections[0].id]);
    assert.deepEqual(
      entries.filter((e) => e.corrects === null).map((e) => e.kind),
      ['home_visit', 'phone_call', 'letter'],
    );
  });

  await h.step('typing part of the surname into "Search pupils" finds the case and Enter opens it', async () => {
    app = await h.start();
    await unlock(app);
    await app.fill('search', 'Chronik');
    await waitFor(() => app.exists(`#search-results a[data-case-id="${caseId}"]`), {
      what: 'the case in #search-results',
    });
    const result = await (await app.session.find(`#search-results a[data-case-id="${caseId}"]`)).text();
    assert.match(result, /Nika Testpref \(Testpupil Chronika-Vexworth\)/);
    assert.match(result, /UPN B801200005001/);
    assert.match(result, /Testschool Orchard Academy/);
    await app.scan('Your caseload with search results');
    await (await app.el('search')).sendKeys('\uE007');
    await app.waitForScreen(PUPIL.preferred_name, { scan: false });
    await waitForCaseView(app);
    assert.equal(await app.value('search'), '', 'the search box is cleared');
    assert.equal(await app.exists('#search-results'), false);
  });

  h.assertAccessible(t);
});
