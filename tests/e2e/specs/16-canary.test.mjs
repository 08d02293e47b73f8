//! The canary test on the real app: a case with distinctive synthetic names typed into the Add
//! a case form, a chronology entry typed into the case view, a backup made with Back up now, a
//! Lock and a quit. While the app runs (the -wal in use) and again after the quit, every file the
//! app, the webview and the drivers could have written is byte-searched, in UTF-8 and UTF-16LE,
//! for every canary, and none is found: the data folder (the database, -wal, -shm, key file and
//! backups.json), the documents folder with the backup, the webview's XDG data, config and cache
//! folders, a temp folder and a home folder of the app's own, and tauri-driver's log (the
//! drivers' output, and the app's should it print any).
//! (The Rust test crates/caseload-app/tests/canary.rs covers the TSM, exports and purge.)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness, TITLES } from '../lib/app.mjs';
import { filesContaining, listFiles } from '../lib/disk.mjs';
import { ARTIFACTS_DIR } from '../lib/driver.mjs';
import { createCaseload, fillCaseForm, saveCaseForm, waitForCaseView } from '../lib/flows.mjs';
import { addEntry, daysAgo } from '../lib/steps.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** Synthetic only: no real child, carer or school has these names. */
const PUPIL = {
  legal_name: 'Testpupil Zyxcanary-Quillonbrook',
  preferred_name: 'Vexlark Testpref',
  dob: { day: '14', month: '5', year: '2013' },
  upn: 'B801200005001',
  school_urn: '100789',
  school_name: 'Testschool Brackenvoss Canary Academy',
  year_group: '8',
};

const ENTRY = {
  kind: 'home_visit',
  date: daysAgo(1),
  time: '10:00',
  who: 'Ms Ombrevane Testcarer (mother)',
  what: 'Home visit: Vexlark talked about Canaryplume-Vexworth and the walk to school.',
  outcome: 'Agreed a morning routine',
  next_step: '',
};

/** Each canary as typed, and lower-cased (as a search index would keep it). */
const CANARIES = [
  PUPIL.legal_name,
  'Zyxcanary',
  'Quillonbrook',
  'Vexlark',
  PUPIL.upn,
  'Brackenvoss',
  'Ombrevane',
  'Canaryplume-Vexworth',
].flatMap((c) => [c, c.toLowerCase()]);

/** A temp folder and a home folder for tauri-driver, WebKitWebDriver and the app alone. */
const own = fs.mkdtempSync(path.join(os.tmpdir(), 'caseload-e2e-canary-'));
const TMP = path.join(own, 'tmp');
const HOME = path.join(own, 'home');

/** @type {Harness} */
let h;

before(async () => {
  fs.mkdirSync(TMP, { recursive: true });
  fs.mkdirSync(HOME, { recursive: true });
  h = await Harness.setup({ env: { TMPDIR: TMP, HOME } });
  await h.beginTest('canary');
});

after(async () => {
  await h?.teardown();
  fs.rmSync(own, { recursive: true, force: true });
});

test('names typed into the app are in no file it, the webview or the drivers wrote, after a backup, a lock and a quit', async (t) => {
  await h.step('the search finds a canary written in UTF-16LE', () => {
    const probe = path.join(own, 'probe.bin');
    fs.writeFileSync(probe, Buffer.from(`x ${PUPIL.legal_name} x`, 'utf16le'));
    assert.ok(filesContaining([probe], CANARIES).length > 0);
    fs.rmSync(probe);
  });

  const app = await h.step('start, create the caseload and add the case through the form', async () => {
    const started = await h.start();
    await createCaseload(started);
    await started.click('add-case');
    await started.waitForScreen(TITLES.addCase, { scan: false });
    await fillCaseForm(started, PUPIL);
    await saveCaseForm(started);
    return started;
  });

  await h.step('open the case and type a chronology entry', async () => {
    await app.click('nav-caseload');
    await app.waitForScreen(TITLES.caseload, { scan: false });
    const ids = await waitFor(async () => {
      const found = await app.caseIds();
      return found.length ? found : false;
    }, { what: 'the new case in #case-table' });
    await app.openCase(ids[0]);
    await waitForCaseView(app);
    await addEntry(app, ENTRY);
    assert.match(await app.bodyText(), /Canaryplume-Vexworth/, 'the webview showed the entry');
  });

  await h.step('Back up now in Settings', async () => {
    await app.click('nav-settings');
    await app.waitForScreen('Settings', { scan: false });
    await waitFor(() => app.exists('#back-up-now'), { what: 'the Backups section (#back-up-now)' });
    await app.click('back-up-now');
    await waitFor(() => app.exists('#backup-made'), { timeoutMs: 30_000, what: 'the backup (#backup-made)' });
    await app.scan('Settings, after a backup');
  });

  await h.step('while the app runs, no file holds a canary (the -wal included)', () => {
    const files = [h.ws.root, own].flatMap(listFiles);
    assert.ok(files.includes(path.join(h.dataDir, 'caseload.db-wal')), 'the write-ahead log is searched');
    assert.deepEqual(filesContaining(files, CANARIES), []);
  });

  await h.step('lock, then quit', async () => {
    await app.click('lock');
    await app.waitForScreen(TITLES.unlock, { scan: false });
    await app.quit();
  });

  await h.step('no file anywhere holds a canary, in UTF-8 or UTF-16LE', () => {
    // The app writes no log file; its stdout and stderr go to tauri-driver's log.
    const log = path.join(ARTIFACTS_DIR, 'tauri-driver.log');
    assert.ok(fs.existsSync(log), 'the log is searched');
    const files = [...[h.ws.root, own].flatMap(listFiles), log];
    const names = files.map((f) => path.basename(f));
    for (const expected of ['caseload.db', 'caseload.key', 'backups.json']) {
      assert.ok(names.includes(expected), `${expected} was searched`);
    }
    const backups = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'backups.json'), 'utf8')).backups;
    assert.equal(backups.length, 1);
    assert.ok(files.includes(backups[0].path), `the backup ${backups[0].path} was searched`);
    const areas = { data: [h.dataDir], documents: [h.ws.documentsDir], temp: [TMP], home: [HOME] };
    areas.webview = [h.ws.xdgData, h.ws.xdgConfig, h.ws.xdgCache];
    const tally = Object.entries(areas).map(
      ([area, dirs]) => `${area} ${files.filter((f) => dirs.some((d) => f.startsWith(d + path.sep))).length}`,
    );
    t.diagnostic(`searched ${files.length} files: ${tally.join(', ')}`);
    assert.deepEqual(filesContaining(files, CANARIES), []);
  });

  h.assertAccessible(t);
});
