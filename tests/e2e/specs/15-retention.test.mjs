//! Retention on the real app: the council's rule is set (18, or a year after closure) and two closed
//! cases are made with the CLI, one closed long enough ago to be due; Settings shows the rule and
//! links to "Closed cases due for deletion", which lists only the due case with why; ticking it and
//! pressing "Delete the selected cases" shows the warning naming one case for ever, and "Yes, delete"
//! deletes it: the CLI then finds it gone and the other case kept.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Harness } from '../lib/app.mjs';
import { docScreenshot } from '../lib/driver.mjs';
import { createCaseload, unlock } from '../lib/flows.mjs';
import { daysAgo } from '../lib/steps.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('retention');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: no real child has these names. */
const DUE = { legal_name: 'Testpupil Retainia-Quorn', upn: 'B801200005001', dob: '2008-01-15' };
const KEPT = { legal_name: 'Testpupil Keepwell-Quorn', upn: 'Q801200005002', dob: '2012-05-05' };
const SCREEN = 'Closed cases due for deletion';

async function closedCase(pupil, referred, closed) {
  const added = await h.cli([
    'case', 'add', '--legal-name', pupil.legal_name, '--dob', pupil.dob, '--upn', pupil.upn,
    '--school-urn', '100789', '--school-name', 'Testschool Meadow Secondary', '--year-group', '11',
    '--referral-date', referred, '--json',
  ]);
  await h.cli(['case', 'transition', added.id, 'accept', '--on', referred, '--json']);
  await h.cli([
    'case', 'transition', added.id, 'allocate', '--on', referred, '--team', 'afsw', '--worker', 'A. Testworker', '--json',
  ]);
  await h.cli(['case', 'transition', added.id, 'close', '--on', closed, '--note', 'Attending again', '--category', 'attendance-improved', '--json']);
  return added.id;
}

test('a closed case due under the council’s rule is listed with why and deleted only after the warning', async (t) => {
  const first = await h.step('create the caseload', async () => {
    const app = await h.start();
    await createCaseload(app);
    return app;
  });
  await first.quit();

  const ids = await h.step('set the rule and make two closed cases with the CLI', async () => {
    const settings = await h.cli(['call', 'settings_get']);
    settings.retention = { age_years: 18, years_after_closure: 1, outbox_purge_days: 30 };
    await h.cli(['call', 'settings_update', JSON.stringify(settings)]);
    const due = await closedCase(DUE, '2024-01-10', '2024-06-01');
    const kept = await closedCase(KEPT, daysAgo(20).iso, daysAgo(5).iso);
    const listed = await h.cli(['retention', 'list', '--json']);
    assert.deepEqual(listed.cases.map((c) => c.id), [due], 'only the old closure is due');
    return { due, kept };
  });

  const app = await h.step('unlock', async () => {
    const started = await h.start();
    await unlock(started);
    return started;
  });

  await h.step('Settings shows the rule and links to the cases due', async () => {
    await app.click('nav-settings');
    await app.waitForScreen('Settings');
    assert.equal(await app.value('retention_age_years'), '18');
    assert.equal(await app.value('retention_years_after_closure'), '1');
    assert.equal(await app.value('outbox_purge_days'), '30');
    await app.click('open-retention');
    await app.waitForScreen(SCREEN);
  });

  await h.step('the due case is listed with why, and only it', async () => {
    await waitFor(() => app.exists('#retention-table'), { what: '#retention-table' });
    const table = await (await app.el('retention-table')).text();
    assert.match(table, /1 case due for review for deletion/);
    assert.match(table, /Testpupil Retainia-Quorn/);
    assert.match(table, /Pupil turned 18 on 15 January 2026/);
    assert.doesNotMatch(table, /Keepwell/);
    await docScreenshot(app, '21-retention.png');
    await app.screenshot('/tmp/retention-list.png');
  });

  await h.step('ticked and asked to delete: the warning names one case for ever', async () => {
    await app.click(`retention-${ids.due}`);
    await app.click('retention-delete');
    await waitFor(() => app.exists('#retention-warning'), { what: '#retention-warning' });
    const warning = await (await app.el('retention-warning')).text();
    assert.match(warning, /You are about to delete 1 case for ever/);
    assert.match(await (await app.el('retention-chosen')).text(), /Testpupil Retainia-Quorn \(B801200005001\)/);
    await app.scan(`${SCREEN} (confirm)`);
    await app.screenshot('/tmp/retention-confirm.png');
  });

  await h.step('"Yes, delete" deletes it and says how many records went', async () => {
    await app.click('retention-confirm');
    await waitFor(() => app.exists('#retention-done'), { timeoutMs: 30_000, what: '#retention-done' });
    assert.match(await (await app.el('retention-done')).text(), /Deleted 1 case and \d+ records about them/);
    await waitFor(() => app.exists('#retention-none'), { what: '#retention-none' });
    await app.scan(`${SCREEN} (after the purge)`);
    await app.screenshot('/tmp/retention-done.png');
  });
  await app.quit();

  await h.step('the CLI finds the case gone and the other kept', async () => {
    const cases = await h.cli(['case', 'list', '--json']);
    assert.deepEqual(cases.map((c) => c.id), [ids.kept]);
    const listed = await h.cli(['retention', 'list', '--json']);
    assert.deepEqual(listed.cases, []);
  });

  h.assertAccessible(t);
});
