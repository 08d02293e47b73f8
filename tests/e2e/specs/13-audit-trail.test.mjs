//! The audit trail in the real app at 1280×800: a case added and changed with the command-line
//! tool, then in the app the "Audit" item of the primary navigation (still one row) opens the
//! trail, newest first in words, with no pupil's name in it; "Check the audit trail" says it is
//! intact; the case's History lists its own entries below its steps. Both screens are scanned with
//! axe and saved as screenshots to look at.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness } from '../lib/app.mjs';
import { ARTIFACTS_DIR, docScreenshot } from '../lib/driver.mjs';
import { createCaseload, unlock } from '../lib/flows.mjs';
import { showCaseTab } from '../lib/steps.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('audit trail');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: no real child has this name. */
const PUPIL = { legal_name: 'Auditia Vexwhistle-Test', upn: 'B801200005001' };
const SHOTS = process.env.CASELOAD_E2E_SHOTS ?? ARTIFACTS_DIR;

test('the Audit screen lists the trail, checks it intact, and a case’s History shows its entries', async (t) => {
  const app = await h.step('start the app', () => h.start());
  await h.step('create the caseload', () => createCaseload(app));
  await app.quit();

  const added = await h.step('add and change a case with the CLI', async () => {
    const { id } = await h.cli([
      'case', 'add', '--legal-name', PUPIL.legal_name, '--dob', '2014-03-27', '--upn', PUPIL.upn,
      '--school-urn', '100000', '--school-name', 'Testschool Audit Primary', '--year-group', '5', '--json',
    ]);
    await h.cli(['case', 'edit', id, '--year-group', '6', '--json']);
    return id;
  });

  const again = await h.step('start the app again', () => h.start());
  await h.step('unlock', () => unlock(again));

  await h.step('the Audit item opens the trail, newest first, in words', async () => {
    await again.click('nav-audit');
    await again.waitForScreen('Audit trail', { screen: 'Audit trail' });
    await waitFor(() => again.exists('#audit-table'), { what: 'the audit table (#audit-table)' });
    const seen = JSON.parse(
      await again.session.execute(`
        const rows = Array.from(document.querySelectorAll('#audit-table tbody tr'));
        const tops = Array.from(document.querySelectorAll('.moj-primary-navigation__item')).map((li) =>
          Math.round(li.getBoundingClientRect().top));
        return JSON.stringify({
          actions: rows.map((r) => r.dataset.action),
          text: document.getElementById('main-content').innerText,
          tops, vw: window.innerWidth,
        });`),
    );
    t.diagnostic(`audit rows: ${seen.actions.join(', ')}; nav tops ${seen.tops.join(', ')} at ${seen.vw}px`);
    assert.equal(seen.actions[0], 'unlock', 'the unlock just made is the newest entry');
    assert.ok(seen.actions.includes('case_add') && seen.actions.includes('case_update'));
    assert.match(seen.text, /Case added/);
    assert.match(seen.text, /changed: year_group/);
    assert.ok(!seen.text.includes('Auditia') && !seen.text.includes(PUPIL.upn), 'no pupil’s name or UPN in the trail');
    assert.ok(seen.tops.length >= 8, `the navigation has its items, Audit among them; got ${seen.tops.length}`);
    assert.equal(new Set(seen.tops).size, 1, `the primary navigation is on one row; item tops ${seen.tops.join(', ')}`);
  });

  await h.step('"Check the audit trail" says it is intact', async () => {
    await again.click('audit-verify');
    await waitFor(() => again.exists('#audit-verify-result[data-intact="true"]'), { what: 'the intact result' });
    assert.match(await (await again.el('audit-verify-result')).text(), /The audit trail is intact/);
    await again.scan('Audit trail, checked');
    await again.screenshot(path.join(SHOTS, 'audit-1280x800.png'));
    await docScreenshot(again, '18-audit.png');
  });

  await h.step('the case’s History lists its audit entries below its steps', async () => {
    await again.click('nav-caseload');
    await waitFor(() => again.exists('#case-table'), { what: 'the dashboard (#case-table)' });
    await again.openCase(added);
    await showCaseTab(again, 'history');
    await waitFor(() => again.exists('#case-audit'), { what: "the case's audit entries (#case-audit)" });
    const actions = JSON.parse(
      await again.session.execute(
        `return JSON.stringify(Array.from(document.querySelectorAll('#case-audit tbody tr')).map((r) => r.dataset.action));`,
      ),
    );
    assert.deepEqual(actions, ['case_update', 'case_add']);
    await again.scan('case History with audit entries');
    await again.session.execute(`document.getElementById('case-audit').scrollIntoView();`);
    await again.screenshot(path.join(SHOTS, 'case-history-audit-1280x800.png'));
  });
  h.assertAccessible(t);
});
