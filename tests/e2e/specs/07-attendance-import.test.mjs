//! Attendance data on the real app: a session-marks file is imported (the whole file, with
//! progress), a file with an unknown code is refused with its row and column and nothing kept,
//! a summary file with the council's own headers is matched to Caseload's columns once and
//! imported, and the imported marks raise the penalty-notice threshold alert on the dashboard
//! and on the case, with the rule explained. Each file is chosen in the backend's file chooser
//! (answered through the debug-only CASELOAD_TEST_DIALOG_ANSWER file: the webview never names a
//! path), and the case's evidence bundle is saved under a neutral name and PDF title (#14).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness, TITLES } from '../lib/app.mjs';
import { docScreenshot } from '../lib/driver.mjs';
import { createCaseload, unlock } from '../lib/flows.mjs';
import { waitFor } from '../lib/webdriver.mjs';
import { daysAgo, showDashboard } from '../lib/steps.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('attendance import');
});

after(async () => {
  await h?.teardown();
});

const UPN = 'B801200005001';
const state = {};

/** Weekdays of the last four weeks (oldest first): the first 12 sessions unauthorised (O). */
function marksCsv() {
  const lines = ['upn,date,session,code'];
  let n = 0;
  for (let back = 28; back >= 1; back--) {
    const d = daysAgo(back);
    const weekday = new Date(`${d.iso}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const session of ['AM', 'PM']) {
      const code = n < 12 ? 'O' : session === 'AM' ? '/' : '\\';
      lines.push(`${UPN},${d.iso},${session},${code}`);
      n++;
    }
  }
  return `${lines.join('\n')}\n`;
}

function write(name, text) {
  const file = path.join(h.ws.root, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Chooses `file` in the backend's file chooser (answered through the debug-only
 *  CASELOAD_TEST_DIALOG_ANSWER file: the webview never names the path) and imports it. */
async function importFile(app, kind, file, shot) {
  await app.click(`import-kind-${kind}`);
  fs.writeFileSync(h.ws.dialogAnswer, file);
  await app.click('import-choose');
  const name = path.basename(file);
  await waitFor(async () => (await (await app.el('import-file')).text()).includes(name), {
    what: `the chosen file's name (${name}) in #import-file`,
  });
  fs.rmSync(h.ws.dialogAnswer, { force: true });
  assert.ok(!(await (await app.el('import-file')).text()).includes(h.ws.root), 'the name only, not the path');
  if (shot && process.env.CASELOAD_E2E_SHOTS) {
    fs.mkdirSync(process.env.CASELOAD_E2E_SHOTS, { recursive: true });
    await app.screenshot(path.join(process.env.CASELOAD_E2E_SHOTS, shot));
  }
  await app.click('import-start');
}

test('a case is added, then session marks are imported in the app', async () => {
  const app = await h.start();
  await createCaseload(app);
  await app.quit();
  const added = await h.cli([
    'case', 'add', '--legal-name', 'Testpupil Importfield-Synthetic', '--dob', '2012-04-05', '--upn', UPN,
    '--school-urn', '100888', '--school-name', 'Testschool Import Academy', '--year-group', '8', '--json',
  ]);
  state.caseId = added.id;
  state.marks = write('marks.csv', marksCsv());
  state.bad = write('bad-marks.csv', `upn,date,session,code\n${UPN},${daysAgo(3).iso},AM,/\n${UPN},${daysAgo(3).iso},PM,H\n`);
  state.summary = write(
    'council-summary.csv',
    `Pupil ref,Poss,Pres,Auth,Unauth,Extract\n${UPN},40,30,2,8,${daysAgo(40).iso}\n`,
  );

  const started = await h.start();
  await unlock(started);
  await started.click('nav-attendance');
  await started.waitForScreen('Attendance data');
  await h.step('import the marks file', async () => {
    await importFile(started, 'marks', state.marks, 'import-file-chosen.png');
    await waitFor(() => started.exists('#import-done'), { timeoutMs: 30_000, what: 'the import to finish (#import-done)' });
    const done = await (await started.el('import-done')).text();
    assert.match(done, /marks\.csv/);
    assert.match(done, /1 on your caseload/);
  });
  await started.scan('Attendance data, after an import');
  await started.session.execute("document.getElementById('import-done').scrollIntoView();");
  await docScreenshot(started, '13-attendance-import.png');
});

test('a file with an unknown code is refused whole, naming the row and column', async (t) => {
  if (!state.caseId) return t.skip('needs the first test');
  const app = h.app;
  await importFile(app, 'marks', state.bad);
  await waitFor(() => app.exists('#import-problems'), { what: 'the problems table (#import-problems)' });
  const problems = await (await app.el('import-problems')).text();
  assert.match(problems, /3/, 'row 3');
  assert.match(problems, /code/);
  assert.match(problems, /"H"/);
  await app.scan('Attendance data, a refused file');
  const history = await (await app.el('import-history')).text();
  assert.ok(!history.includes('bad-marks.csv'), 'a refused file is not in the history');
});

test("a summary file with the council's own headers is matched once and imported", async (t) => {
  if (!state.caseId) return t.skip('needs the first test');
  const app = h.app;
  await importFile(app, 'summary', state.summary);
  await waitFor(() => app.exists('#import-mapping'), { what: 'the column-matching form (#import-mapping)' });
  for (const [field, header] of [
    ['upn', 'Pupil ref'],
    ['possible_sessions', 'Poss'],
    ['present_sessions', 'Pres'],
    ['authorised_absence_sessions', 'Auth'],
    ['unauthorised_absence_sessions', 'Unauth'],
    ['as_at', 'Extract'],
  ]) {
    await app.fill(`mapping-${field}`, header);
  }
  await app.scan('Attendance data, matching columns');
  await app.click('mapping-save');
  await waitFor(() => app.exists('#import-done'), { timeoutMs: 30_000, what: 'the summary import to finish' });
  assert.match(await (await app.el('import-done')).text(), /council-summary\.csv/);
});

test('the imported marks raise the penalty threshold alert on the dashboard and the case', async (t) => {
  if (!state.caseId) return t.skip('needs the first test');
  const app = h.app;
  await showDashboard(app);
  const row = await app.caseRowText(state.caseId);
  assert.match(row ?? '', /Penalty notice threshold met/);
  await app.openCase(state.caseId);
  await waitFor(() => app.exists('#case-alerts'), { what: 'the alerts on the case (#case-alerts)' });
  const alerts = await (await app.el('case-alerts')).text();
  assert.match(alerts, /Penalty notice threshold met/);
  await app.scan('Case view with alerts');
  await app.session.execute("document.getElementById('case-alerts').scrollIntoView();");
  await docScreenshot(app, '14-case-alerts.png');

  await h.step('the evidence bundle is saved under a neutral name, with a neutral PDF title', async () => {
    // CASELOAD_DOCUMENTS_DIR (set by the harness) fixes the documents folder: the backend saves
    // there without its save dialog. The request names no path, and the file is named by the
    // case reference and the date, never the UPN or the pupil's name (#14).
    await app.click('case-tab-legal');
    await waitFor(() => app.exists('#save-evidence-bundle'), { what: 'the evidence bundle button' });
    await app.click('save-evidence-bundle');
    await waitFor(() => app.exists('#evidence-saved'), { timeoutMs: 30_000, what: 'the saved bundle (#evidence-saved)' });
    const pdfs = fs.readdirSync(h.ws.documentsDir).filter((f) => f.startsWith('Evidence bundle'));
    assert.equal(pdfs.length, 1, `one bundle in ${h.ws.documentsDir}: ${pdfs}`);
    assert.match(pdfs[0], /^Evidence bundle \d{4}-\d{2}-\d{2} case [0-9a-f]{8}\.pdf$/);
    assert.ok(!pdfs[0].includes(UPN) && !pdfs[0].includes('Testpupil'), pdfs[0]);
    const info = execFileSync('pdfinfo', [path.join(h.ws.documentsDir, pdfs[0])], { encoding: 'utf8' });
    const title = /^Title:\s*(.*)$/m.exec(info)?.[1] ?? '';
    assert.match(title, /^Evidence bundle: case [0-9a-f]{8}$/);
    await app.scan('Case view, legal action, bundle saved');
    await app.session.execute("document.getElementById('evidence-saved').scrollIntoView();");
    if (process.env.CASELOAD_E2E_SHOTS) {
      fs.mkdirSync(process.env.CASELOAD_E2E_SHOTS, { recursive: true });
      await app.screenshot(path.join(process.env.CASELOAD_E2E_SHOTS, 'evidence-bundle-saved.png'));
    }
  });
  await app.quit();
  const shown = await h.cli(['case', 'show', state.caseId, '--json']);
  assert.ok(shown.alerts.some((a) => a.rule === 'penalty_threshold_met'));
  assert.ok(shown.marks && shown.marks.unauthorised >= 12);
  h.assertAccessible(t);
  assert.ok(TITLES.caseload);
});
