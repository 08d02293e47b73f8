//! Every name prints (#16), in the real app: a pupil whose name has Ł, ó, Ș, ă and ễ is added
//! through the case form; at a Targeting Support Meeting the attendees have Turkish and Czech
//! names and three pupils are typed in with Vietnamese (ị), Greek and Cyrillic names. The TSM
//! record, the pupil's evidence bundle and an identifiable TSM action log export are saved as PDF
//! from the app, and each is read back with poppler: `pdftotext` gives every name exactly,
//! `pdffonts` shows only embedded subset fonts, and `pdfinfo` says the file is tagged and has a
//! title. The record's first page is rendered to a picture to look at.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness, TITLES } from '../lib/app.mjs';
import { ARTIFACTS_DIR } from '../lib/driver.mjs';
import { createCaseload, fillCaseForm, saveCaseForm, unlock } from '../lib/flows.mjs';
import { daysAgo, showCaseTab, submitAndWait, typeDate } from '../lib/steps.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('every name prints');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: made-up names built to carry the letters a Windows-1252 font lacks. */
const SCHOOL = { urn: '100821', name: 'Testschool Łąka Primary' };
const PUPIL = {
  legal_name: 'Łukasz Józef Ștefănescu-Nguyễn',
  dob: { day: '3', month: '9', year: '2015' },
  upn: 'B801200005001',
  school_urn: SCHOOL.urn,
  school_name: SCHOOL.name,
  year_group: '6',
};
const ATTENDEES = [
  { name: 'Şule Öztürk-Testcase', role: 'Attendance champion', organisation: SCHOOL.name },
  { name: 'Zdeněk Dvořák-Testcase', role: 'Attendance officer', organisation: 'Local authority' },
];
const TYPED = [
  { name: 'Nguyễn Thị Ánh-Testcase', year: '4' },
  { name: 'Γιώργος Παπαδόπουλος', year: '5' },
  { name: 'Анна Кузнецова', year: '3' },
];
const SHOTS = process.env.CASELOAD_E2E_SHOTS ?? ARTIFACTS_DIR;

/** Poppler's reading of a PDF: its text, its fonts and its document information. */
function readPdf(file) {
  const run = (tool, args) => execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return {
    // Reading order, each run of white space (a line break inside a table cell) as one space.
    text: run('pdftotext', ['-enc', 'UTF-8', file, '-']).normalize('NFC').replace(/\s+/g, ' '),
    fonts: run('pdffonts', [file]),
    info: run('pdfinfo', [file]),
  };
}

/** Every name is in the text exactly; every font is an embedded subset; the file is tagged and titled. */
function assertPrintsEveryName(t, what, file, names) {
  const pdf = readPdf(file);
  for (const name of names) assert.ok(pdf.text.includes(name), `${what}: "${name}" is printed exactly`);
  assert.ok(!/\?ukasz|Nguy\?n|\?\?\?\?/.test(pdf.text), `${what}: no letter printed as "?"`);
  const fonts = pdf.fonts.split('\n').slice(2).filter((l) => l.trim());
  assert.ok(fonts.length > 0, `${what}: pdffonts lists a font`);
  for (const line of fonts) {
    assert.match(line, /^[A-Z]{6}\+/, `${what}: a subset font (${line})`);
    assert.match(line, /\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/, `${what}: embedded and subset (${line})`);
  }
  assert.match(pdf.info, /^Tagged:\s+yes$/m, `${what}: tagged`);
  assert.match(pdf.info, /^Title:\s+\S/m, `${what}: titled`);
  t.diagnostic(`${what}: ${fonts.map((l) => l.split(/\s+/)[0]).join(', ')}; ${fs.statSync(file).size} bytes`);
  return pdf;
}

async function settled(app) {
  await waitFor(
    async () => (await app.session.execute("return document.getElementById('save-status')?.dataset.pending;")) === '0',
    { timeoutMs: 15_000, what: 'every change to be saved (#save-status data-pending=0)' },
  );
}

async function focusedMatch(app, pattern, known, what) {
  let id = null;
  await waitFor(
    async () => {
      const focused = await app.session.execute('return document.activeElement && document.activeElement.id;');
      id = pattern.exec(focused ?? '')?.[1] ?? null;
      return id !== null && !known.includes(id);
    },
    { what },
  );
  return id;
}

test('names outside Windows-1252 come out exactly in the TSM record, the evidence bundle and a summary PDF', async (t) => {
  const share = path.join(h.ws.root, 'share-21');
  fs.mkdirSync(share, { recursive: true });
  const first = await h.step('create the caseload', async () => {
    const app = await h.start();
    await createCaseload(app);
    return app;
  });
  await first.quit();
  await h.step('the link school and the shared drive, with the CLI', async () => {
    await h.cli(['school', 'set', '--urn', SCHOOL.urn, '--name', SCHOOL.name, '--phase', 'primary', '--json']);
    await h.cli(['share', '--folder', share, '--worker-id', 'e2e-worker-21', '--team', 'afsw', '--json']);
  });

  const app = await h.step('unlock', async () => {
    const started = await h.start();
    await unlock(started);
    return started;
  });

  const caseId = await h.step('add the pupil through the case form', async () => {
    await app.click('add-case');
    await app.waitForScreen(TITLES.addCase);
    await fillCaseForm(app, PUPIL);
    await saveCaseForm(app);
    if ((await app.title()) !== TITLES.caseload) {
      await app.click('nav-caseload');
      await app.waitForScreen(TITLES.caseload);
    }
    const ids = await waitFor(async () => {
      const found = await app.caseIds();
      return found.length ? found : false;
    }, { what: 'the case in the caseload list' });
    assert.match((await app.caseRowText(ids[0])) ?? '', /Łukasz Józef Ștefănescu-Nguyễn/);
    await app.screenshot(path.join(SHOTS, 'every-name-caseload-1280x800.png'));
    return ids[0];
  });

  await h.step('a meeting with the attendees and pupils typed in, finished and its record saved as PDF', async () => {
    await app.click('nav-meetings');
    await app.waitForScreen('School meetings');
    await app.click('plan-meeting');
    await app.waitForScreen(/Plan a meeting/);
    await app.fill('plan-school', SCHOOL.urn);
    await typeDate(app, 'meeting-date', daysAgo(0));
    await app.click('plan-submit');
    await app.waitForScreen(`${SCHOOL.name}: Targeting Support Meeting`);
    for (const [i, a] of ATTENDEES.entries()) {
      await app.click('add-attendee');
      await app.fill(`attendee-${i}-name`, a.name);
      await app.fill(`attendee-${i}-role`, a.role);
      await app.fill(`attendee-${i}-organisation`, a.organisation);
    }
    const discussions = [];
    await app.click(`prep-discuss-${caseId}`);
    discussions.push(await focusedMatch(app, /^discussion-(\d+)-notes$/, discussions, 'the pupil from the pack'));
    for (const p of TYPED) {
      await app.fill('new-pupil-name', p.name);
      await app.fill('new-pupil-year', p.year);
      await app.click('new-pupil-add');
      discussions.push(await focusedMatch(app, /^discussion-(\d+)-notes$/, discussions, `the typed pupil ${p.year}`));
    }
    const actions = [];
    for (const [i, d] of discussions.entries()) {
      await app.fill(`discussion-${d}-notes`, `Synthetic notes ${i + 1}.`);
      await app.click(`add-action-${d}`);
      const id = await focusedMatch(app, /^action-(\d+)-what$/, actions, 'the new action');
      actions.push(id);
      await app.fill(`action-${id}-what`, `Synthetic action ${i + 1}`);
      await app.fill(`action-${id}-agency`, 'school');
      await app.fill(`action-${id}-person`, ATTENDEES[0].name);
      await app.fill(`action-${id}-lead`, ATTENDEES[1].name);
      await typeDate(app, `action-${id}-due`, daysAgo(-14));
    }
    await settled(app);
    await app.click('finish-meeting');
    await waitFor(async () => !(await app.exists('#finish-meeting')), { what: 'the meeting to be finished' });
    await app.click('record-pdf');
    await waitFor(() => app.exists('#record-saved'), { what: 'the record to be saved (#record-saved)' });
  });

  const record = fs.readdirSync(h.ws.documentsDir).find((f) => f.endsWith('.pdf'));
  assert.ok(record, 'the record is saved');
  const recordPath = path.join(h.ws.documentsDir, record);
  assertPrintsEveryName(t, 'TSM record', recordPath, [
    PUPIL.legal_name,
    SCHOOL.name,
    ...ATTENDEES.map((a) => a.name),
    ...TYPED.map((p) => p.name),
  ]);
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', recordPath, path.join(SHOTS, 'every-name-tsm-record')]);

  await h.step("the pupil's evidence bundle, named, saved as PDF", async () => {
    await app.click('nav-caseload');
    await app.waitForScreen(TITLES.caseload);
    await app.openCase(caseId);
    await showCaseTab(app, 'legal');
    await waitFor(() => app.exists('#save-evidence-bundle'), { what: 'the evidence bundle button' });
    await app.session.execute("document.getElementById('evidence-name-pupil').click();");
    await app.click('save-evidence-bundle');
    await waitFor(() => app.exists('#evidence-saved'), { timeoutMs: 30_000, what: 'the saved bundle (#evidence-saved)' });
  });
  const bundle = fs.readdirSync(h.ws.documentsDir).find((f) => f.startsWith('Evidence bundle'));
  assert.ok(bundle, 'the bundle is saved');
  assert.ok(bundle.normalize('NFC').includes(PUPIL.legal_name), `the file is named for the pupil: ${bundle}`);
  const bundled = assertPrintsEveryName(t, 'evidence bundle', path.join(h.ws.documentsDir, bundle), [PUPIL.legal_name, SCHOOL.name]);
  assert.match(bundled.info, new RegExp(`^Title:.*${PUPIL.legal_name}`, 'm'), 'the title names the pupil');

  await h.step('an identifiable TSM action log, as PDF, delivered to the shared drive', async () => {
    await app.click('nav-exports');
    await app.waitForScreen('Exports');
    await app.click('kind-tsm-actions');
    await app.session.execute("document.getElementById('formats-pdf').click();");
    await app.click('identifiable');
    await app.fill('recipient', 'Synthetic attendance panel');
    await app.click('lawful-basis-safeguarding');
    await app.fill('purpose', 'Synthetic test of the printed names');
    await submitAndWait(app, 'export-queue', () => app.exists('#export-queued'), 'the export to be queued');
    await app.click('send-now');
    await waitFor(
      async () =>
        (await app.session.execute('return document.querySelectorAll(\'#outbox-table tr[data-status="delivered"]\').length;')) === 1,
      { timeoutMs: 30_000, what: 'the export delivered' },
    );
  });
  const pdfs = fs
    .readdirSync(share, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.pdf'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
  assert.equal(pdfs.length, 1, `one summary PDF delivered: ${pdfs}`);
  assertPrintsEveryName(t, 'TSM action log', pdfs[0], [PUPIL.legal_name, ...TYPED.map((p) => p.name)]);

  await app.quit();
  h.assertAccessible(t);
});
