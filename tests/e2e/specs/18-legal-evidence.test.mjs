//! Legal steps that check their evidence (#15), in the real app at 1280×800: a case with a contract
//! and a notice to improve recorded with the command-line tool, and no session marks imported, so the
//! penalty notice threshold is not met. On the case's Legal part the ladder says so; recording a
//! penalty notice shows a GOV.UK warning saying why and a reason field, saving without a reason is
//! refused, and saving with one records the notice, shown with "Threshold not met" and its reason
//! under "Issued before the threshold was met". The CLI reads the same back. Scanned with axe and
//! saved as screenshots to look at.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness } from '../lib/app.mjs';
import { ARTIFACTS_DIR } from '../lib/driver.mjs';
import { errorSummaryText, createCaseload, unlock } from '../lib/flows.mjs';
import { daysAgo, showCaseTab, typeDate } from '../lib/steps.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('legal evidence');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: no real child or parent has these names. */
const PUPIL = { legal_name: 'Evidentia Quillmarsh-Test', upn: 'B801200005001' };
const PARENT = 'Parentia Quillmarsh-Test';
const REASON = 'Synthetic: the school has not yet shared its register';
const SHOTS = process.env.CASELOAD_E2E_SHOTS ?? ARTIFACTS_DIR;

test('a penalty notice without the threshold met is saved only with a reason, shown under its exception', async (t) => {
  const app = await h.step('start the app', () => h.start());
  await h.step('create the caseload', () => createCaseload(app));
  await app.quit();

  const id = await h.step('a case with a contract and a notice to improve, from the CLI', async () => {
    const { id } = await h.cli([
      'case', 'add', '--legal-name', PUPIL.legal_name, '--dob', '2013-05-14', '--upn', PUPIL.upn,
      '--school-urn', '100000', '--school-name', 'Testschool Evidence Secondary', '--year-group', '8', '--json',
    ]);
    await h.cli([
      'legal', 'add', id, '--step', 'contract', '--on', daysAgo(70).iso, '--decided-by', 'Team manager Demo',
      '--parents-present', '--terms', 'In school by 8:45 every day', '--json',
    ]);
    await h.cli([
      'legal', 'add', id, '--step', 'notice-to-improve', '--on', daysAgo(50).iso, '--decided-by', 'Team manager Demo',
      '--ends-on', daysAgo(22).iso, '--sufficient-improvement', 'No unauthorised absence', '--json',
    ]);
    return id;
  });

  const again = await h.step('start the app again and unlock', async () => {
    const a = await h.start();
    await unlock(a);
    return a;
  });

  await h.step('the Legal part says the threshold is not met', async () => {
    await again.openCase(id);
    await showCaseTab(again, 'legal');
    await waitFor(() => again.exists('#legal-threshold'), { what: 'the threshold line (#legal-threshold)' });
    assert.match(await (await again.el('legal-threshold')).text(), /Threshold not met/);
  });

  await h.step('the penalty notice form warns and asks for a reason', async () => {
    await again.click('record-legal-step');
    await waitFor(() => again.exists('#legal-form #save-legal-step'), { what: 'the legal step form' });
    const checked = await again.session.execute(`return document.getElementById('legal-kind-penalty_notice').checked;`);
    assert.equal(checked, true, 'a penalty notice is the next rung');
    await typeDate(again, 'legal-on', daysAgo(3));
    await again.fill('legal-decided-by', 'Team manager Demo');
    await again.fill('legal-parent', PARENT);
    await waitFor(() => again.exists('#legal-reason-warning'), { what: 'the warning (#legal-reason-warning)' });
    assert.match(await (await again.el('legal-reason-warning')).text(), /threshold/);
    assert.ok(await again.exists('#legal-reason'), 'a reason field');
    await again.scan('legal step form, warning');
    await again.session.execute(`document.getElementById('legal-reason-warning').scrollIntoView({ block: 'center' });`);
    await again.screenshot(path.join(SHOTS, 'legal-reason-warning-1280x800.png'));
  });

  await h.step('saving without a reason is refused, the error beside the reason field', async () => {
    await again.click('save-legal-step');
    let refused = '';
    await waitFor(
      async () => {
        refused = await errorSummaryText(again);
        return refused;
      },
      { what: 'the refusal (error summary)' },
    );
    t.diagnostic(`refused: ${refused}`);
    assert.match(refused, /give the reason for issuing the notice/);
    assert.ok(await again.exists('#legal-reason-error'), 'the error is beside the reason field');
    await again.scan('legal step form, reason refused');
    await again.session.execute(`document.getElementById('legal-reason').scrollIntoView({ block: 'center' });`);
    await again.screenshot(path.join(SHOTS, 'legal-reason-refused-1280x800.png'));
  });

  await h.step('with a reason the notice is saved and shows the threshold and the reason', async () => {
    await again.fill('legal-reason', REASON);
    await again.click('save-legal-step');
    await waitFor(() => again.exists('#legal-saved'), { what: 'the saved message (#legal-saved)' });
    const card = JSON.parse(
      await again.session.execute(`
        const cards = Array.from(document.querySelectorAll('#legal-steps > li'));
        const last = cards[cards.length - 1];
        return JSON.stringify({ id: last.id, text: last.innerText });`),
    );
    assert.match(card.text, /Attendance evidence\s+Threshold not met/);
    assert.match(card.text, /Issued before the threshold was met\s+Synthetic: the school has not yet shared/);
    await again.scan('legal steps with a penalty notice and its reason');
    await again.session.execute(`document.getElementById(arguments[0]).scrollIntoView({ block: 'center' });`, [card.id]);
    await again.screenshot(path.join(SHOTS, 'legal-penalty-notice-1280x800.png'));
  });

  await h.step('the CLI reads the same notice back', async () => {
    const shown = await h.cli(['legal', 'show', id, '--json']);
    const notice = shown.steps.find((s) => s.step === 'penalty_notice');
    assert.ok(notice, 'a penalty notice is recorded');
    assert.equal(notice.reason, REASON);
    assert.equal(notice.reason_label, 'Issued before the threshold was met');
    assert.equal(notice.threshold, 'Threshold not met');
  });
  h.assertAccessible(t);
});
