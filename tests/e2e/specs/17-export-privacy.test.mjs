//! What an export carries, on the real app (issue 14): a case is closed with the CLI, its reason
//! typed full of identifiers (a UPN, a date of birth, a phone number, an e-mail address, a house
//! and street, a postcode) and its category chosen. On Exports, "Include free text" needs a
//! preview first, and the preview shows the reason with every identifier removed; an identifiable
//! export with a one-letter recipient is refused naming the recipient, the lawful basis and the
//! purpose; a default closures export and the previewed free-text export are delivered by "Send
//! now", and no identifier is in any delivered file. The case view shows the closure category.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness } from '../lib/app.mjs';
import { docScreenshot } from '../lib/driver.mjs';
import { createCaseload, unlock } from '../lib/flows.mjs';
import { daysAgo, submitAndWait } from '../lib/steps.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('export privacy');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: no real child has this name. */
const PUPIL = { legal_name: 'Testpupil Privata-Quorn', upn: 'B801200005001', dob: '2014-05-06' };
const WORKER = 'e2e-worker-17';
const IDENTIFIERS = ['B801200005001', '2014-05-06', '900123', 'carer@example.org', 'Acacia Road', 'AB1 2CD', 'Privata'];
const REASON =
  'Closed: Privata moved, UPN B801200005001, DOB 2014-05-06, tel 07700 900123, carer@example.org, 4 Acacia Road, AB1 2CD';

/** Every file under `dir`, read as text (the CSVs and JSON delivered). */
function filesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return out;
}

test('free text leaves only after a preview with identifiers removed, and names need who, why and the basis', async (t) => {
  const share = path.join(h.ws.root, 'share-17');
  fs.rmSync(share, { recursive: true, force: true });
  fs.mkdirSync(share, { recursive: true });

  const first = await h.step('create the caseload', async () => {
    const app = await h.start();
    await createCaseload(app);
    return app;
  });
  await first.quit();

  await h.step('set the shared drive and close a case with identifiers in its reason, with the CLI', async () => {
    await h.cli(['share', '--folder', share, '--worker-id', WORKER, '--team', 'afsw', '--json']);
    const referred = daysAgo(20).iso;
    const added = await h.cli([
      'case', 'add', '--legal-name', PUPIL.legal_name, '--dob', PUPIL.dob, '--upn', PUPIL.upn,
      '--school-urn', '100789', '--school-name', 'Testschool Meadow Primary', '--year-group', '4',
      '--referral-date', referred, '--json',
    ]);
    await h.cli(['case', 'transition', added.id, 'accept', '--on', referred, '--json']);
    await h.cli([
      'case', 'transition', added.id, 'allocate', '--on', referred, '--team', 'afsw', '--worker', 'A. Testworker', '--json',
    ]);
    await h.cli([
      'case', 'transition', added.id, 'close', '--on', daysAgo(2).iso, '--note', REASON,
      '--category', 'moved-school-or-area', '--json',
    ]);
    const shown = await h.cli(['case', 'show', added.id, '--json']);
    assert.equal(shown.closure_category_label, 'Moved school or out of area', 'the case keeps the category');
    return added.id;
  });

  const app = await h.step('unlock', async () => {
    const started = await h.start();
    await unlock(started);
    return started;
  });

  await h.step('free text is refused until previewed, and the preview shows it with the identifiers removed', async () => {
    await app.click('nav-exports');
    await app.waitForScreen('Exports');
    await app.click('kind-closures');
    await app.click('free-text');
    await app.click('export-queue');
    await waitFor(() => app.exists('#free_text-error'), { what: 'the "preview first" error (#free_text-error)' });
    assert.match(await (await app.el('free_text-error')).text(), /Preview the free text before exporting it/);
    await app.click('export-preview');
    await waitFor(() => app.exists('#free-text-preview'), { what: 'the free-text preview (#free-text-preview)' });
    const shown = await (await app.el('free-text-preview')).text();
    assert.match(shown, /\[phone removed\]/);
    assert.match(shown, /\[address removed\]/);
    assert.match(shown, /\[name removed\]/);
    for (const id of IDENTIFIERS) assert.ok(!shown.includes(id), `${id} is not in the preview: ${shown}`);
    await app.scan('Exports, the free-text preview');
    await app.session.execute("document.getElementById('free-text-preview').scrollIntoView({ block: 'center' });");
    await docScreenshot(app, '22-export-free-text-preview.png');
    await submitAndWait(app, 'export-queue', () => app.exists('#export-queued'), 'the previewed export to be queued');
  });

  await h.step('an identifiable export with a one-letter recipient is refused, naming what to fill in', async () => {
    await app.click('free-text');
    await app.click('identifiable');
    await app.fill('recipient', 'x');
    await app.click('export-queue');
    await waitFor(() => app.exists('#recipient-error'), { what: 'the recipient error (#recipient-error)' });
    assert.ok(await app.exists('#lawful_basis-error'), 'the lawful basis is named');
    assert.ok(await app.exists('#purpose-error'), 'the purpose is named');
    await app.scan('Exports, an identifiable export refused');
    await app.session.execute("document.getElementById('identifiable-conditional').scrollIntoView({ block: 'center' });");
    await docScreenshot(app, '23-export-identifiable-refused.png');
    // Untick through a script and wait for it to take: the box is scrolled away by the screenshot.
    await app.session.execute("document.getElementById('identifiable').click();");
    await waitFor(async () => !(await app.session.execute("return document.getElementById('identifiable').checked;")), {
      what: 'the names box unticked',
    });
  });

  await h.step('a default closures export is queued, and both are delivered by "Send now"', async () => {
    // The last step's error summary stays until this submit answers, so wait for the export to be
    // queued rather than read the page's summary straight after the click.
    await app.click('export-queue');
    await waitFor(() => app.exists('#export-queued'), { what: 'the default export to be queued' });
    assert.equal(await app.exists('.govuk-error-summary'), false, 'the default export is not refused');
    await app.click('send-now');
    await waitFor(() => app.exists('#sync-report'), { timeoutMs: 30_000, what: 'the send report (#sync-report)' });
    await waitFor(
      async () =>
        (await app.session.execute(
          'return document.querySelectorAll(\'#outbox-table tr[data-status="delivered"]\').length;',
        )) === 2,
      { timeoutMs: 15_000, what: 'both exports delivered' },
    );
  });

  const delivered = filesUnder(share).filter((f) => /\.(csv|json)$/.test(f) && !f.endsWith('manifest.json'));
  assert.ok(delivered.length >= 2, `delivered files: ${delivered}`);
  const all = delivered.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  assert.match(all, /Moved school or out of area/, 'the category leaves');
  assert.match(all, /\[phone removed\]/, 'the previewed free text leaves, scrubbed');
  for (const id of IDENTIFIERS) assert.ok(!all.includes(id), `${id} reached the shared drive`);
  await app.quit();
  h.assertAccessible(t);
});
