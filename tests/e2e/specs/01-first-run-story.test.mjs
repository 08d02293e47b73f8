//! The first story a worker lives through, on the real app: first run, a case added, quit, a wrong
//! and a right passphrase, an edit that survives a restart; then what is left on disk, and the
//! CLI and the app agreeing about the same encrypted store. The tests share one data dir and run
//! in order; each names the earlier test it needs and skips without it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness, PASSPHRASE, TITLES, WRONG_PASSPHRASE } from '../lib/app.mjs';
import { filesContaining, listFiles } from '../lib/disk.mjs';
import { ARTIFACTS_DIR, docScreenshot } from '../lib/driver.mjs';
import {
  CLI_PUPIL,
  EDITED,
  PUPIL,
  createCaseload,
  fillCaseForm,
  saveCaseForm,
  unlock,
  waitForCaseView,
} from '../lib/flows.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;
const state = { caseId: undefined, edited: false, cliCaseId: undefined };

before(async () => {
  h = await Harness.setup();
  await h.beginTest('first run story');
});

after(async () => {
  await h?.teardown();
});

async function runningAndUnlocked() {
  if (h.app) return h.app;
  const app = await h.start();
  await unlock(app);
  return app;
}

test('a worker creates a caseload, adds a case, and after a restart a wrong passphrase is refused and the right one shows the case', async (t) => {
  h.testName = 'first run, add a case, unlock';
  let app = await h.step('start the app on an empty data dir', () => h.start());
  // The app shows "Opening Caseload" until app_status answers; the screenshot is of the screen after.
  await app.waitForScreen(TITLES.firstRun, { scan: false });
  await docScreenshot(app, '01-create-caseload.png');

  await h.step('set a passphrase, typed twice', () => createCaseload(app));

  await h.step('add a case', async () => {
    await app.click('add-case');
    await app.waitForScreen(TITLES.addCase);
    await fillCaseForm(app, PUPIL);
    await app.scan('Add a case (filled in)');
    await saveCaseForm(app);
  });

  await h.step('the new case is in the caseload list', async () => {
    if ((await app.title()) !== TITLES.caseload) {
      await app.click('nav-caseload');
      await app.waitForScreen(TITLES.caseload);
    }
    const ids = await waitFor(async () => {
      const found = await app.caseIds();
      return found.length ? found : false;
    }, { what: 'a case link ([data-case-id]) in #case-table' });
    assert.equal(ids.length, 1, `one case expected, found ${ids.length}`);
    state.caseId = ids[0];
    const row = await app.caseRowText(state.caseId);
    assert.match(row, new RegExp(PUPIL.legal_name), 'the row names the pupil');
  });

  await h.step('quit', () => app.quit());
  app = await h.step('start again', () => h.start());

  await h.step('a wrong passphrase shows an error and stays locked', async () => {
    await app.waitForScreen(TITLES.unlock);
    await app.fill('unlock-passphrase', WRONG_PASSPHRASE);
    await app.click('unlock');
    await waitFor(() => app.exists('#unlock-passphrase-error, #passphrase-error'), {
      what: 'the inline error #unlock-passphrase-error (or #passphrase-error)',
    });
    assert.ok(await app.exists('.govuk-error-summary'), 'an error summary is shown');
    assert.equal(await app.title(), TITLES.unlock, 'still on the unlock screen');
    await app.scan('Unlock Caseload (wrong passphrase)');
    await docScreenshot(app, '02-unlock-wrong.png');
  });

  await h.step('the right passphrase opens the caseload with the case', async () => {
    await app.fill('unlock-passphrase', PASSPHRASE);
    await app.click('unlock');
    await app.waitForScreen(TITLES.caseload);
    const ids = await waitFor(async () => {
      const found = await app.caseIds();
      return found.includes(state.caseId) ? found : false;
    }, { what: `case ${state.caseId} in #case-table` });
    assert.deepEqual(ids, [state.caseId]);
  });

  h.assertAccessible(t);
});

test('an edit to a case is still there after quitting and unlocking again', async (t) => {
  if (!state.caseId) return t.skip('needs the case added in the first test');
  h.testName = 'edit survives restart';
  h.a11y = [];
  let app = await h.step('have the app unlocked', () => runningAndUnlocked());

  await h.step('open the case', async () => {
    await app.openCase(state.caseId);
    const title = await waitForCaseView(app);
    assert.ok(
      title.includes(PUPIL.legal_name) || title.includes(PUPIL.preferred_name),
      `the case view's title names the pupil (it is "${title}")`,
    );
  });

  await h.step('edit the preferred name and year group', async () => {
    const viewTitle = await app.title();
    await app.click('edit-case');
    await waitFor(async () => (await app.exists('#save-case')) && (await app.exists('#preferred_name')), {
      what: 'the edit form (#save-case, #preferred_name)',
    });
    assert.equal(await app.value('legal_name'), PUPIL.legal_name, 'the form starts from the saved case');
    await app.scan(`edit form (from "${viewTitle}")`);
    await app.fill('preferred_name', EDITED.preferred_name);
    await app.fill('year_group', EDITED.year_group);
    await saveCaseForm(app);
    await waitForCaseView(app);
    assert.match(await app.bodyText(), new RegExp(EDITED.preferred_name), 'the case view shows the new name');
    state.edited = true;
    // Looked at again by the on-disk test below: the files as they are while the app is open,
    // with the edit fresh in the write-ahead log.
    state.whileOpen = searchDatabaseFiles();
  });

  await h.step('quit and start again', async () => {
    await app.quit();
    app = await h.start();
  });
  await h.step('unlock', () => unlock(app));

  await h.step('the edit is there', async () => {
    await app.openCase(state.caseId);
    await waitForCaseView(app);
    assert.match(await app.bodyText(), new RegExp(EDITED.preferred_name), 'the case view shows the edited name');
    await docScreenshot(app, '05-case-view.png');
    await app.click('edit-case');
    await waitFor(() => app.exists('#preferred_name'), { what: 'the edit form' });
    assert.equal(await app.value('preferred_name'), EDITED.preferred_name);
    assert.equal(String(await app.value('year_group')), EDITED.year_group);
    await app.click('cancel');
    await waitForCaseView(app);
  });

  h.assertAccessible(t);
});

test('the command-line tool, on the same data dir and passphrase, lists the case created in the app', async (t) => {
  if (!state.caseId) return t.skip('needs the case added in the first test');
  h.testName = 'cli lists the app case';
  if (h.app) await h.app.quit();
  const cases = await h.cli(['case', 'list', '--json']);
  assert.ok(Array.isArray(cases), 'case list --json prints an array');
  const listed = cases.find((c) => c.id === state.caseId);
  assert.ok(listed, `case ${state.caseId} is listed; got ${JSON.stringify(cases)}`);
  assert.equal(listed.legal_name, PUPIL.legal_name);
  assert.equal(listed.upn, PUPIL.upn);
  if (state.edited) {
    assert.equal(listed.preferred_name, EDITED.preferred_name);
    assert.equal(String(listed.year_group), EDITED.year_group);
  }
});

test('a case added with the command-line tool shows in the app after unlocking', async (t) => {
  if (!state.caseId) return t.skip('needs the caseload created in the first test');
  h.testName = 'cli case shows in the app';
  h.a11y = [];
  if (h.app) await h.app.quit();
  const added = await h.step('add a case with the CLI', () =>
    h.cli([
      'case', 'add',
      '--legal-name', CLI_PUPIL.legal_name,
      '--preferred-name', CLI_PUPIL.preferred_name,
      '--dob', CLI_PUPIL.dob,
      '--upn', CLI_PUPIL.upn,
      '--school-urn', CLI_PUPIL.school_urn,
      '--school-name', CLI_PUPIL.school_name,
      '--year-group', CLI_PUPIL.year_group,
      '--json',
    ]),
  );
  assert.ok(added?.id, `case add --json prints the new case's id; got ${JSON.stringify(added)}`);
  state.cliCaseId = added.id;

  const app = await h.step('start the app', () => h.start());
  await h.step('unlock', () => unlock(app));
  await h.step('both cases are listed', async () => {
    const ids = await waitFor(async () => {
      const found = await app.caseIds();
      return found.includes(added.id) ? found : false;
    }, { what: `case ${added.id} in #case-table` });
    assert.ok(ids.includes(state.caseId), 'the case made in the app is still listed');
    assert.match(await app.caseRowText(added.id), new RegExp(CLI_PUPIL.legal_name));
  });

  await h.step('screenshot of the unlocked caseload list', async () => {
    await app.screenshot(path.join(ARTIFACTS_DIR, 'caseload.png'));
  });

  await h.step('quit', () => app.quit());
  h.assertAccessible(t);
});

/** Byte-searches caseload.db, -wal and -shm (those that exist) for every test pupil's names. */
function searchDatabaseFiles() {
  const files = ['caseload.db', 'caseload.db-wal', 'caseload.db-shm']
    .map((f) => path.join(h.dataDir, f))
    .filter((f) => fs.existsSync(f));
  const names = [PUPIL.legal_name, PUPIL.preferred_name, EDITED.preferred_name];
  if (state.cliCaseId) names.push(CLI_PUPIL.legal_name, CLI_PUPIL.preferred_name);
  return {
    files: files.map((f) => `${path.basename(f)} (${fs.statSync(f).size} bytes)`),
    hits: filesContaining(files, names),
  };
}

test('the database files on disk contain no pupil name in clear text, while the app is open or after it quits', async (t) => {
  if (!state.caseId) return t.skip('needs the case added in the first test');
  if (h.app) await h.app.quit();
  const atRest = searchDatabaseFiles();
  assert.ok(atRest.files.some((f) => f.startsWith('caseload.db ')), `caseload.db exists in ${h.dataDir}`);
  t.diagnostic(`after quitting, searched ${atRest.files.join(', ')}`);
  if (state.whileOpen) t.diagnostic(`while open (after the edit), searched ${state.whileOpen.files.join(', ')}`);
  assert.deepEqual([...(state.whileOpen?.hits ?? []), ...atRest.hits], []);
});

test('the database file does not start with the plain SQLite header', async (t) => {
  if (!state.caseId) return t.skip('needs the case added in the first test');
  const fd = fs.openSync(path.join(h.dataDir, 'caseload.db'), 'r');
  const head = Buffer.alloc(16);
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  assert.notDeepEqual(head, Buffer.from('SQLite format 3\0', 'latin1'));
});

test("the webview's own storage holds no pupil name", async (t) => {
  if (!state.caseId) return t.skip('needs the case added in the first test');
  const files = [h.ws.xdgData, h.ws.xdgConfig, h.ws.xdgCache].flatMap(listFiles);
  const names = [PUPIL.legal_name, PUPIL.preferred_name, EDITED.preferred_name];
  if (state.cliCaseId) names.push(CLI_PUPIL.legal_name, CLI_PUPIL.preferred_name);
  t.diagnostic(`searched ${files.length} files under the webview's XDG data, config and cache dirs`);
  assert.deepEqual(filesContaining(files, names), []);
});
