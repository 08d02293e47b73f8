//! Backups on the real app: the first-run screen offers "Restore from a backup"; the dashboard
//! reminds a worker who has never backed up; "Back up now" in Settings writes a checked,
//! encrypted backup and lists it; and a caseload whose database has a flipped byte is refused at
//! unlock naming that backup; then, on an empty data folder, that backup is chosen in the
//! backend's file chooser (answered through the debug-only CASELOAD_TEST_DIALOG_ANSWER file: the
//! webview shows the file's name and never names its path) and restored with its passphrase.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness, PASSPHRASE, TITLES } from '../lib/app.mjs';
import { ARTIFACTS_DIR, docScreenshot } from '../lib/driver.mjs';
import { createCaseload, errorSummaryText } from '../lib/flows.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('backups');
});

after(async () => {
  await h?.teardown();
});

/** The latest backup, kept outside the folders a new first run empties. */
const state = {};

const scrollTo = (app, id) => app.session.execute(`document.getElementById('${id}').scrollIntoView({ block: 'start' });`);

test('restore is offered at first run; Back up now writes a checked backup; a damaged database names it at unlock', async (t) => {
  const app = await h.step('start the app on an empty data dir', () => h.start());
  await app.waitForScreen(TITLES.firstRun, { scan: false });

  await h.step('the first-run screen offers "Restore from a backup"', async () => {
    await waitFor(() => app.exists('#restore-choose'), { what: 'the restore option (#restore-choose)' });
    assert.match(await app.bodyText(), /Restore from a backup/);
    await scrollTo(app, 'restore');
    await app.scan('Create your caseload, restore option');
    await docScreenshot(app, '20-restore-backup.png');
    await app.screenshot(path.join(ARTIFACTS_DIR, '12-restore-option.png'));
  });

  await h.step('create the caseload', () => createCaseload(app));

  await h.step('the dashboard reminds a worker who has never backed up', async () => {
    await waitFor(() => app.exists('#backup-reminder'), { what: 'the backup reminder (#backup-reminder)' });
    assert.match(await (await app.el('backup-reminder')).text(), /You have not backed up this caseload yet/);
  });

  let listed;
  await h.step('Back up now in Settings, twice, lists both backups', async () => {
    await app.click('nav-settings');
    await app.waitForScreen('Settings', { scan: false });
    await waitFor(() => app.exists('#back-up-now'), { what: 'the Backups section (#back-up-now)' });
    for (let i = 0; i < 2; i++) {
      await app.click('back-up-now');
      await waitFor(() => app.exists('#backup-made'), { timeoutMs: 30_000, what: 'the backup to be made (#backup-made)' });
      await waitFor(
        async () => (await app.session.execute('return document.querySelectorAll("#backup-list tbody tr").length;')) === i + 1,
        { what: `${i + 1} backups listed` },
      );
    }
    await scrollTo(app, 'backups');
    await app.scan('Settings, backups');
    await docScreenshot(app, '20-backups.png');
    await app.screenshot(path.join(ARTIFACTS_DIR, '12-backup-list.png'));
    listed = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'backups.json'), 'utf8')).backups;
    assert.equal(listed.length, 2);
    for (const b of listed) {
      assert.ok(b.verified, 'each backup was checked');
      assert.ok(fs.statSync(b.path).size > 0, `${b.path} is on disk`);
      assert.ok(!fs.readFileSync(b.path).includes('CREATE TABLE'), 'the backup holds no plaintext schema');
    }
  });

  await h.step('the dashboard no longer reminds', async () => {
    await app.click('nav-caseload');
    await app.waitForScreen(TITLES.caseload, { scan: false });
    await waitFor(() => app.exists('#empty-caseload'), { what: 'the empty dashboard' });
    assert.equal(await app.exists('#backup-reminder'), false);
  });

  await app.quit();
  await h.step('flip one byte in the middle of the database', async () => {
    const db = path.join(h.dataDir, 'caseload.db');
    const bytes = fs.readFileSync(db);
    bytes[Math.floor(bytes.length / 2) + 100] ^= 0x01;
    fs.writeFileSync(db, bytes);
  });

  const again = await h.step('start the app again', () => h.start());
  await h.step('unlocking refuses the damaged caseload and names the latest backup', async () => {
    await again.waitForScreen(TITLES.unlock, { scan: false });
    await again.fill('unlock-passphrase', PASSPHRASE);
    await again.click('unlock');
    const text = await waitFor(() => errorSummaryText(again), { what: 'the error summary' });
    const latest = listed[listed.length - 1].path;
    state.backup = path.join(h.ws.root, path.basename(latest));
    fs.copyFileSync(latest, state.backup);
    assert.match(text, /damaged or has been altered/);
    assert.ok(text.includes(`Restore your latest backup, made `) && text.includes(latest), text);
    assert.equal(await again.title(), TITLES.unlock);
    await again.scan('Unlock, damaged caseload');
    await again.screenshot(path.join(ARTIFACTS_DIR, '12-damaged.png'));
  });

  h.assertAccessible(t);
});

test('on a new laptop the backup is chosen in the backend file chooser and restored', async (t) => {
  if (!state.backup) return t.skip('needs the first test');
  await h.beginTest('restore');
  const app = await h.start();
  await h.step('choose the backup: the screen shows its name, not its path', async () => {
    await waitFor(() => app.exists('#restore-choose'), { what: 'the restore option (#restore-choose)' });
    fs.writeFileSync(h.ws.dialogAnswer, state.backup);
    await app.click('restore-choose');
    const name = path.basename(state.backup);
    await waitFor(async () => (await (await app.el('restore-file')).text()).includes(name), {
      what: `the chosen backup's name (${name}) in #restore-file`,
    });
    fs.rmSync(h.ws.dialogAnswer, { force: true });
    assert.ok(!(await (await app.el('restore-file')).text()).includes(h.ws.root), 'the name only, not the path');
  });
  await h.step('restore it with its passphrase: the caseload opens', async () => {
    await app.fill('restore-passphrase', PASSPHRASE);
    await app.click('restore-submit');
    await app.waitForScreen(TITLES.caseload, { scan: false });
    assert.ok(fs.existsSync(path.join(h.dataDir, 'caseload.db')), 'the database is in the new data folder');
    await app.scan('Your caseload, restored');
  });
  await app.quit();
  h.assertAccessible(t);
});
