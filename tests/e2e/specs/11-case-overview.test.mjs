//! A case on one screen, on a 13-inch laptop (the harness's 1280×800 window) with the 30-pupil
//! demo caseload: the identity bar and sub navigation at the top, the Overview's attendance chart
//! (an svg with role="img" and a name) and the next due item inside the first screen without
//! scrolling; Ctrl+K from the case focuses search; "Record a contact" opens the chronology (an MoJ
//! timeline) with its form focused. A demo case with imported session marks charts them week by
//! week, still within the first screen. "Print case" lays out the Overview and the whole
//! chronology for paper (WebKitWebDriver cannot print, so the print stylesheet's rules are
//! applied on screen and the page is measured and photographed as paper would show it).
//! Screenshots of the Overview (both cases), the Chronology and the printout are saved.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { Harness, PASSPHRASE } from '../lib/app.mjs';
import { ARTIFACTS_DIR, paths } from '../lib/driver.mjs';
import { createCaseload, unlock, waitForCaseView } from '../lib/flows.mjs';
import { showCaseTab, showDashboard } from '../lib/steps.mjs';
import { APPLY_PRINT_RULES, REMOVE_PRINT_RULES, SHOWN } from '../lib/page-scripts.mjs';
import { KEY, waitFor } from '../lib/webdriver.mjs';

const execFileAsync = promisify(execFile);
const SHOTS = process.env.CASELOAD_E2E_SHOTS ?? ARTIFACTS_DIR;

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('case overview');
});

after(async () => {
  await h?.teardown();
});

/** With the print rules applied (APPLY_PRINT_RULES), what is on paper. */
const PRINT_PREVIEW = `
  ${SHOWN}
  const printout = document.getElementById('case-print-chronology');
  return JSON.stringify({
    header: shown(document.querySelector('.moj-header')),
    tabs: shown(document.getElementById('case-tabs')),
    buttons: [...document.querySelectorAll('button')].filter(shown).length,
    identity: shown(document.getElementById('case-identity')),
    chart: shown(document.querySelector('#case-overview-attendance svg[role="img"]')),
    latestContacts: shown(document.getElementById('case-latest-contacts')),
    pupil: shown(document.getElementById('case-summary')),
    printHeader: shown(document.getElementById('case-print-header')) ? document.getElementById('case-print-header').textContent.trim() : null,
    chronology: shown(printout),
    entries: printout ? [...printout.querySelectorAll('[data-entry-id]')].filter(shown).length : 0,
  });
`;

/** Where the overview's parts are on screen, measured in the page. */
const MEASURE = `
  const vh = window.innerHeight;
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: Math.round(r.height) }; };
  const svg = document.querySelector('#case-overview-attendance svg[role="img"]');
  return JSON.stringify({
    vh, vw: window.innerWidth, scrollY: window.scrollY,
    chart: svg ? { ...box(svg), name: svg.getAttribute('aria-label') } : null,
    nextDue: box(document.getElementById('case-next-due')),
    primary: box(document.querySelector('#case-steps .govuk-button:not(.govuk-button--secondary)')),
    contacts: box(document.getElementById('case-latest-contacts')),
    identity: box(document.getElementById('case-identity')),
  });
`;

test('at 1280×800 a case overview shows its attendance chart and next due item in the first screen', async (t) => {
  const app = await h.step('start the app', () => h.start());
  await h.step('create the caseload', () => createCaseload(app));
  await app.quit();

  await h.step('add the 30-pupil demo caseload with the CLI', () =>
    execFileAsync(paths.cli, ['--data-dir', h.dataDir, 'demo', '--pupils', '30'], {
      env: { ...process.env, CASELOAD_PASSPHRASE: PASSPHRASE },
      timeout: 120_000,
    }),
  );

  const again = await h.step('start the app again', () => h.start());
  await h.step('unlock', () => unlock(again));

  const caseId = await h.step('open a case with attendance figures', async () => {
    await waitFor(async () => (await again.caseIds()).length >= 20, { what: "the demo's open cases in #case-table" });
    // Preferably one with something overdue, so the next due item has a date and a tag.
    let chosen = null;
    let fallback = null;
    for (const id of await again.caseIds()) {
      const row = (await again.caseRowText(id)) ?? '';
      if (!/\d+\.\d%/.test(row)) continue;
      fallback ??= id;
      if (/Overdue/.test(row)) {
        chosen = id;
        break;
      }
    }
    chosen ??= fallback;
    assert.ok(chosen, 'a demo case has an attendance figure');
    await again.openCase(chosen);
    await waitForCaseView(again);
    await waitFor(() => again.exists('#case-overview-attendance svg[role="img"]'), { what: 'the attendance chart' });
    await waitFor(() => again.exists('#case-latest-contacts li, #case-latest-contacts-none'), { what: 'the latest contacts' });
    return chosen;
  });

  await h.step('the chart and the next due item are within the first screen', async () => {
    const m = JSON.parse(await again.session.execute(MEASURE));
    t.diagnostic(`case overview geometry: ${JSON.stringify(m)}`);
    const shot = path.join(SHOTS, 'case-overview-1280x800.png');
    await again.screenshot(shot);
    t.diagnostic(`case overview: ${shot}`);
    assert.equal(m.scrollY, 0, 'the case opens at the top');
    assert.ok(m.chart, 'the overview has an svg chart with role="img"');
    assert.match(m.chart.name, /attendance over time/i, 'the chart has an accessible name');
    assert.ok(m.chart.height > 100, 'the chart has a size on screen');
    assert.ok(m.chart.bottom <= m.vh, `the chart ends within the first screen (${m.chart.bottom} > ${m.vh})`);
    assert.ok(m.nextDue && m.nextDue.bottom <= m.vh, `the next due item is within the first screen: ${JSON.stringify(m.nextDue)}`);
    if (m.primary) assert.ok(m.primary.bottom <= m.vh, 'the next step button is within the first screen');
    assert.ok(m.contacts && m.contacts.top < m.vh, 'the latest contacts start within the first screen');
  });

  await h.step('Ctrl+K from the case page focuses the search box', async () => {
    await again.keys([KEY.CONTROL, 'k']);
    assert.equal((await again.focused()).id, 'search', 'Ctrl+K from the case page focuses search');
  });

  await h.step('the identity bar stays at the top while the page scrolls', async () => {
    await showCaseTab(again, 'chronology');
    await waitFor(() => again.exists('#add-entry'), { what: 'the chronology form' });
    const m = JSON.parse(
      await again.session.execute(`
        const start = document.getElementById('case-identity').getBoundingClientRect().top + window.scrollY;
        window.scrollTo(0, document.documentElement.scrollHeight);
        return JSON.stringify({ start, scrollY: window.scrollY,
          top: Math.round(document.getElementById('case-identity').getBoundingClientRect().top) });`),
    );
    t.diagnostic(`identity bar when scrolled: ${JSON.stringify(m)}`);
    assert.ok(m.scrollY > m.start, `the chronology scrolls past the identity bar's place (${m.scrollY} > ${m.start})`);
    assert.equal(m.top, 0, 'the identity bar is at the top of the window');
  });

  await h.step('"Record a contact" opens the chronology with its form focused', async () => {
    await again.click('record-contact');
    await waitFor(() => again.exists('#case-part-chronology'), { what: 'the chronology tab' });
    await waitFor(async () => (await again.focused()).id === 'entry-kind', { what: 'focus on the contact kind' });
    assert.equal(await (await again.el('case-tab-chronology')).attribute('aria-current'), 'page');
    await waitFor(() => again.exists('#chronology-list.moj-timeline, #chronology-empty'), { what: 'the chronology' });
    await again.scan('case chronology (demo case)');
    await again.session.execute('window.scrollTo(0, 0);');
    const shot = path.join(SHOTS, 'case-chronology-1280x800.png');
    await again.screenshot(shot);
    t.diagnostic(`case chronology: ${shot}`);
  });

  await h.step('back on the Overview', async () => {
    await showCaseTab(again, 'overview');
    await again.scan('case overview (demo case)');
    t.diagnostic(`case ${caseId} checked`);
  });

  const marksCase = await h.step('a demo case with imported session marks charts its weeks within the first screen', async () => {
    await showDashboard(again);
    await waitFor(async () => (await again.caseIds()).length >= 20, { what: "the demo's open cases in #case-table" });
    let found = null;
    for (const id of await again.caseIds()) {
      await showDashboard(again);
      await again.openCase(id);
      await waitForCaseView(again);
      if (!(await again.exists('#case-part-overview'))) await showCaseTab(again, 'overview');
      await waitFor(() => again.exists('#case-overview-attendance svg[role="img"], #case-attendance-chart-none'), {
        what: 'the attendance chart or its absence',
      });
      if (await again.exists('#case-attendance-chart-key')) {
        found = id;
        break;
      }
    }
    assert.ok(found, 'a demo case has imported session marks');
    await waitFor(() => again.exists('#case-latest-contacts li, #case-latest-contacts-none'), { what: 'the latest contacts' });
    const m = JSON.parse(await again.session.execute(MEASURE));
    t.diagnostic(`weekly chart geometry: ${JSON.stringify(m)}`);
    const shot = path.join(SHOTS, 'case-overview-weeks-1280x800.png');
    await again.screenshot(shot);
    t.diagnostic(`case overview with weeks: ${shot}`);
    assert.match(m.chart.name, /attendance over time by week, \d+ weeks of imported marks/);
    assert.ok(m.chart.bottom <= m.vh, `the weekly chart ends within the first screen (${m.chart.bottom} > ${m.vh})`);
    await again.scan('case overview with weeks (demo case)');
    return found;
  });

  await h.step('"Print case" puts the Overview and the whole chronology on paper', async () => {
    const entries = await h.cli(['chronology', 'list', marksCase, '--json']);
    await showCaseTab(again, 'plan');
    await again.session.execute('window.print = () => { window.__caseloadPrinted = (window.__caseloadPrinted ?? 0) + 1; };');
    await again.click('print-case');
    await waitFor(async () => (await again.session.execute('return window.__caseloadPrinted ?? 0;')) === 1, {
      what: 'the print dialog asked for once',
    });
    assert.ok(await again.exists('#case-part-overview'), 'printing shows the Overview');
    assert.ok((await again.session.execute(APPLY_PRINT_RULES)) > 0, 'the print rules were found');
    const m = JSON.parse(await again.session.execute(PRINT_PREVIEW));
    t.diagnostic(`print layout: ${JSON.stringify(m)}`);
    assert.equal(m.header, false, 'no header, search or navigation on paper');
    assert.equal(m.tabs, false, 'no sub navigation on paper');
    assert.equal(m.buttons, 0, 'no buttons on paper');
    assert.ok(m.identity && m.chart && m.pupil, 'the identity bar, the chart and the pupil are on paper');
    assert.equal(m.latestContacts, false, 'the latest contacts give way to the whole chronology');
    assert.match(m.printHeader ?? '', /Case summary for .+, UPN .+\. Printed .+\./);
    assert.ok(m.chronology, 'the chronology is on paper');
    assert.equal(m.entries, entries.length, 'every chronology entry is on paper');
    await again.session.execute('window.scrollTo(0, 0);');
    const shot = path.join(SHOTS, 'case-print-1280x800.png');
    await again.screenshot(shot);
    await again.session.execute("document.getElementById('case-print-chronology').scrollIntoView();");
    const shot2 = path.join(SHOTS, 'case-print-chronology-1280x800.png');
    await again.screenshot(shot2);
    t.diagnostic(`printout: ${shot}, ${shot2}`);
    await again.session.execute(REMOVE_PRINT_RULES);
  });
  h.assertAccessible(t);
});
