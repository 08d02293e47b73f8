//! The shared drive on the real app: the worker sets the shared-drive folder and their worker
//! identifier in Settings; the council leaves an allocation file in the worker's inbox folder; on
//! Exports a funnel CSV is queued and "Send now" delivers it (the outbox shows Delivered, the
//! delivery folder has the CSV and a manifest.json listing it) and takes the allocation in as
//! proposals: nothing is on the caseload until the worker accepts (one accepted, one refused, on the
//! Inbox's proposals table); the accepted pupil is on the caseload (in the app and from the CLI),
//! the refused one is not. A symbolic link the "council" left in the inbox is refused and named,
//! its target never read, and a file name with a terminal escape is shown escaped. A copy saved on the laptop
//! lands in the documents folder with "Open" and "Show in folder". The header's outbox status
//! line follows.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness, TITLES } from '../lib/app.mjs';
import { docScreenshot } from '../lib/driver.mjs';
import { createCaseload } from '../lib/flows.mjs';
import { waitFor } from '../lib/webdriver.mjs';
import { daysAgo, showDashboard, submitAndWait } from '../lib/steps.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('exports and the shared drive');
});

after(async () => {
  await h?.teardown();
});

const WORKER = 'e2e-worker-08';
/** Synthetic only: no real child has this name; the UPN is a valid example not yet on the caseload. */
const ALLOCATED = {
  upn: 'B801200005001',
  legal_name: 'Testpupil Allocata-Synthetic',
  dob: '2014-03-14',
  school_urn: '100321',
  school_name: 'Testschool Share Academy',
  year_group: '7',
  phase: 'secondary',
};
/** A second synthetic pupil in the same file, whose proposal the worker refuses. */
const REFUSED = {
  upn: 'P207000016049',
  legal_name: 'Testpupil Refusata-Synthetic',
  dob: '2013-09-01',
  school_urn: '100322',
  school_name: 'Testschool Refusal Primary',
  year_group: '8',
  phase: 'secondary',
};
/** What a planted symbolic link in the inbox points at: never read, stored or shown. */
const PRIVATE_LINE = 'Privatefirstline Synthetic-Secret';
const state = {};

function allocationCsv() {
  const header = 'upn,legal_name,date_of_birth,school_urn,school_name,year_group,school_phase,referral_date,referral_source';
  const rows = [ALLOCATED, REFUSED].map((p) =>
    [p.upn, p.legal_name, p.dob, p.school_urn, p.school_name, p.year_group, p.phase, daysAgo(3).iso, 'School'].join(','),
  );
  return `${header}\n${rows.join('\n')}\n`;
}

/** The delivery folders under `<share>/caseload/deliveries/<worker>/` that have a manifest. */
function deliveries(share) {
  const dir = path.join(share, 'caseload', 'deliveries', WORKER);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => path.join(dir, name))
    .filter((folder) => fs.existsSync(path.join(folder, 'manifest.json')));
}

test('the shared drive is set in Settings, and a funnel CSV queued on Exports is delivered by "Send now"', async () => {
  state.share = path.join(h.ws.root, 'share-08');
  fs.rmSync(state.share, { recursive: true, force: true });
  fs.mkdirSync(state.share, { recursive: true });

  const app = await h.start();
  await createCaseload(app);

  await h.step('set the shared drive in Settings', async () => {
    await app.click('nav-settings');
    await app.waitForScreen('Settings', { scan: false });
    await waitFor(() => app.exists('#share_folder'), { what: 'the shared-drive form (#share_folder)' });
    // "Choose folder" asks the backend, which opens the folder chooser (answered here through the
    // debug-only CASELOAD_TEST_DIALOG_ANSWER file) and saves the folder picked: no path crosses
    // from the window, and the field only shows it (#14).
    fs.writeFileSync(h.ws.dialogAnswer, state.share);
    await app.click('choose-share-folder');
    await waitFor(async () => (await app.session.execute("return document.getElementById('share_folder').value;")) === state.share, {
      what: 'the chosen folder in #share_folder',
    });
    fs.rmSync(h.ws.dialogAnswer, { force: true });
    assert.equal(await app.session.execute("return document.getElementById('share_folder').readOnly;"), true);
    await waitFor(() => app.exists('#share-saved'), { what: 'the folder saved by the chooser' });
    await app.session.execute("document.getElementById('share-drive').scrollIntoView({ block: 'start' });");
    if (process.env.CASELOAD_E2E_SHOTS) await app.screenshot(path.join(process.env.CASELOAD_E2E_SHOTS, 'settings-share-folder.png'));
    await app.fill('worker_id', WORKER);
    await app.fill('team', 'afsw');
    await submitAndWait(app, 'save-share', () => app.exists('#share-saved'), 'the shared drive settings to be saved');
    await app.scan('Settings, shared drive saved');
  });

  const allocations = path.join(state.share, 'caseload', 'inbox', WORKER, 'allocations');
  fs.mkdirSync(allocations, { recursive: true });
  fs.writeFileSync(path.join(allocations, 'allocations-e2e.csv'), allocationCsv());
  // The share tries to inject: a link to a private file, and a name that retitles a terminal.
  const privateFile = path.join(h.ws.root, 'private-08.csv');
  fs.writeFileSync(privateFile, `${PRIVATE_LINE},of the worker's own file\n`);
  fs.rmSync(path.join(allocations, 'linked.csv'), { force: true });
  fs.symlinkSync(privateFile, path.join(allocations, 'linked.csv'));
  fs.writeFileSync(path.join(allocations, 'evil\u001b]0;owned\u0007.csv'), 'not,an allocation\n');

  await h.step('queue a funnel CSV on Exports', async () => {
    await app.click('nav-exports');
    await app.waitForScreen('Exports');
    await waitFor(() => app.exists('#outbox-empty'), { what: 'the empty outbox (#outbox-empty)' });
    assert.equal(await (await app.el('formats-csv')).property('checked'), true, 'CSV is ticked by default');
    await app.click('kind-funnel');
    await submitAndWait(app, 'export-queue', () => app.exists('#export-queued'), 'the export to be queued');
    await waitFor(() => app.exists('#outbox-table tr[data-status="queued"]'), { what: 'a queued row in the outbox' });
    await waitFor(async () => /Outbox: 1 queued/.test(await (await app.el('outbox-status')).text()), {
      what: 'the header to say "Outbox: 1 queued"',
    });
  });

  await h.step('send now', async () => {
    await app.click('send-now');
    await waitFor(() => app.exists('#sync-report'), { timeoutMs: 30_000, what: 'the send report (#sync-report)' });
    await waitFor(() => app.exists('#outbox-table tr[data-status="delivered"]'), { timeoutMs: 15_000, what: 'the outbox to show Delivered' });
    const row = await (await app.session.find('#outbox-table tr[data-status="delivered"]')).text();
    assert.match(row, /Delivered/);
    assert.match(row, /Case funnel by phase/);
    assert.match(row, new RegExp(`caseload/deliveries/${WORKER}/`));
    await waitFor(async () => /Outbox: all delivered/.test(await (await app.el('outbox-status')).text()), {
      what: 'the header to say "Outbox: all delivered"',
    });
    await waitFor(() => app.exists('#inbox-files tr[data-outcome="taken"]'), { what: 'the allocation file taken in (#inbox-files)' });
    const files = await (await app.el('inbox-files')).text();
    assert.match(files, /allocations-e2e\.csv/);
    assert.ok(files.includes('evil\\u{1b}]0;owned\\u{7}.csv'), `the escaped name is listed: ${files}`);
    assert.ok(!files.includes('\u001b'), 'no raw ESC reaches the page');
    const messages = await (await app.el('sync-messages')).text();
    assert.match(messages, /linked\.csv: refused, not read: it is a symbolic link/);
    assert.ok(!(await app.bodyText()).includes(PRIVATE_LINE), 'the link target was never read or shown');
  });

  await h.step('the allocation waits as proposals: accept one, refuse the other', async () => {
    await waitFor(() => app.exists('#proposals-0 tr[data-proposal-kind="new_case"]'), {
      what: 'the proposals from the allocation file (#proposals-0)',
    });
    const table = await (await app.el('proposals-0')).text();
    assert.match(table, /From allocations-e2e\.csv/);
    assert.ok(table.includes(ALLOCATED.legal_name) && table.includes(REFUSED.legal_name), table);
    assert.match(table, /School name: Testschool Share Academy/);
    await app.session.execute("document.getElementById('proposals-title').scrollIntoView();");
    await app.scan('Exports, proposals waiting');
    await docScreenshot(app, '15-exports-proposals.png');
    const ids = await app.session.execute(
      "return [...document.querySelectorAll('#proposals-0 tr[data-proposal-id]')].map((r) => [r.dataset.proposalId, r.textContent]);",
    );
    const idOf = (name) => ids.find(([, text]) => text.includes(name))[0];
    const accepted = idOf(ALLOCATED.legal_name);
    const refused = idOf(REFUSED.legal_name);
    await app.click(`proposal-${accepted}-accept`);
    await waitFor(async () => /accepted/.test(await (await app.el('proposal-decided')).text()), {
      what: 'the acceptance to be confirmed (#proposal-decided)',
    });
    await app.click(`proposal-${refused}-refuse`);
    await waitFor(() => app.exists('#proposals-none'), { what: 'no proposals left (#proposals-none)' });
  });

  await app.scan('Exports, after sending');
  await app.session.execute("document.getElementById('outbox-title').scrollIntoView();");
  await docScreenshot(app, '15-exports.png');

  const folders = deliveries(state.share);
  assert.equal(folders.length, 1, `one delivery folder with a manifest under ${state.share}`);
  assert.match(path.basename(folders[0]), /^\d{4}-\d{2}-\d{2}_funnel_/);
  const manifest = JSON.parse(fs.readFileSync(path.join(folders[0], 'manifest.json'), 'utf8'));
  assert.equal(manifest.worker_id, WORKER);
  assert.equal(manifest.kind, 'funnel');
  const csv = manifest.files.find((f) => f.format === 'csv');
  assert.ok(csv, `the manifest lists a CSV: ${JSON.stringify(manifest.files)}`);
  assert.ok(fs.existsSync(path.join(folders[0], csv.name)), `${csv.name} is in the delivery folder`);
  assert.equal(fs.statSync(path.join(folders[0], csv.name)).size, csv.size);

  await h.step('save a copy of the funnel on this laptop, with Open and Show in folder', async () => {
    // CASELOAD_DOCUMENTS_DIR (set by the harness) fixes the documents folder, so the app saves
    // there without the native folder chooser, which WebDriver cannot drive.
    await submitAndWait(app, 'export-save', () => app.exists('#export-saved'), 'a copy to be saved (#export-saved)');
    const copies = fs.readdirSync(h.ws.documentsDir).filter((f) => f.endsWith('.csv'));
    assert.equal(copies.length, 1, `one CSV in ${h.ws.documentsDir}: ${copies}`);
    assert.ok((await (await app.el('export-saved-files')).text()).includes(copies[0]));
    assert.ok(await app.exists('#export-saved-0-open'), 'an "Open" button for the copy');
    assert.ok(await app.exists('#export-saved-0-reveal'), 'a "Show in folder" button for the copy');
  });
  await app.scan('Exports, a copy saved');
  state.delivered = true;
});

test('the pupil the council allocated is on the caseload, in the app and from the CLI', async (t) => {
  if (!state.delivered) return t.skip('needs the first test');
  const app = h.app;
  await showDashboard(app);
  await waitFor(async () => (await app.bodyText()).includes(ALLOCATED.legal_name), {
    what: `the allocated pupil (${ALLOCATED.legal_name}) on the caseload`,
  });
  await app.waitForScreen(TITLES.caseload, { screen: 'Caseload with an allocated case' });
  await app.quit();
  const cases = await h.cli(['case', 'list', '--json']);
  const listed = cases.find((c) => c.upn === ALLOCATED.upn);
  assert.ok(listed, `the allocated UPN is listed by the CLI; got ${cases.length} cases`);
  assert.equal(listed.legal_name, ALLOCATED.legal_name);
  assert.ok(!cases.some((c) => c.upn === REFUSED.upn), 'the refused proposal created no case');
  h.assertAccessible(t);
});
