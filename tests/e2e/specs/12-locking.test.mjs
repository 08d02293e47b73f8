//! Locking (issue 13): with the idle limit shortened to 10 seconds (CASELOAD_IDLE_LOCK_SECONDS, a
//! test-only override honoured by debug builds), a case left open locks by itself: the window is
//! reloaded to the unlock screen, which says why, and the page holds no case data. Then wrong
//! passphrases: after the fourth the app makes the next attempt wait ("Too many wrong
//! passphrases. Try again in N seconds.") and each further one doubles it, the count survives a
//! restart in unlock-attempts.json (a count and times only), and the right passphrase once the
//! wait is over opens the caseload and clears it. Settings refuses 45 minutes and saves 15, and
//! the worker's own Lock clears the page too. Change passphrase refuses "password1234" as too easy
//! to guess, and with "I think my passphrase is known" re-encrypts the caseload: afterwards only
//! the new passphrase opens it. Screenshots of both unlock screens, the setting and the
//! passphrase screens are saved.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness, PASSPHRASE, TITLES, WRONG_PASSPHRASE } from '../lib/app.mjs';
import { ARTIFACTS_DIR, docScreenshot } from '../lib/driver.mjs';
import { PUPIL, createCaseload, fillCaseForm, saveCaseForm, waitForCaseView } from '../lib/flows.mjs';
import { sleep, waitFor } from '../lib/webdriver.mjs';

const IDLE_SECONDS = 10;
const SHOTS = process.env.CASELOAD_E2E_SHOTS ?? ARTIFACTS_DIR;

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup({ env: { CASELOAD_IDLE_LOCK_SECONDS: String(IDLE_SECONDS) } });
  await h.beginTest('locking');
});

after(async () => {
  await h?.teardown();
});

/** Every piece of the pupil's record this test typed in, as it could appear in the page. */
const CASE_TEXT = [PUPIL.legal_name, PUPIL.preferred_name, 'Zebedee', 'Zedkin', PUPIL.upn, PUPIL.school_name];

const PAGE_DUMP = `
  return document.documentElement.outerHTML + '\\n' + document.body.innerText + '\\n' +
    [...document.querySelectorAll('input, textarea')].map((el) => el.value).join('\\n');
`;

/** One unlock attempt: "unlocked", or the error summary's text. A refused attempt clears the
 *  field, which is how the answer is told from the previous attempt's summary. */
async function tryUnlock(app, passphrase) {
  await app.fill('unlock-passphrase', passphrase);
  await app.click('unlock');
  return waitFor(
    async () => {
      if ((await app.title()) === TITLES.caseload) return 'unlocked';
      if ((await app.value('unlock-passphrase')) !== '') return false;
      const summary = await app.session.findAll('.govuk-error-summary');
      return summary.length ? (await summary[0].text()).trim() : false;
    },
    { what: 'an answer to the unlock attempt' },
  );
}

test('a case left open locks by itself, leaving nothing of the case in the page', async (t) => {
  const app = await h.step('start the app', () => h.start());
  await h.step('create a caseload and add a case', async () => {
    await createCaseload(app);
    await app.click('add-case');
    await app.waitForScreen(TITLES.addCase, { scan: false });
    await fillCaseForm(app, PUPIL);
    await saveCaseForm(app);
  });
  await h.step('the case is on screen', async () => {
    if (!(await app.exists('#edit-case'))) {
      await app.click('nav-caseload');
      await app.waitForScreen(TITLES.caseload, { scan: false });
      await app.clickCss('[data-case-id]');
    }
    await waitForCaseView(app);
    const page = await app.session.execute(PAGE_DUMP);
    assert.ok(page.includes(PUPIL.legal_name), 'the case shows the pupil before the lock');
  });

  const waitedFrom = Date.now();
  await h.step(`untouched, it locks after ${IDLE_SECONDS} seconds`, async () => {
    await app.waitForScreen(TITLES.unlock, { timeoutMs: (IDLE_SECONDS + 20) * 1000, screen: 'Unlock (idle lock)' });
    const waited = (Date.now() - waitedFrom) / 1000;
    t.diagnostic(`locked about ${waited.toFixed(1)} s after the last command`);
    const notice = await (await app.el('lock-notice')).text();
    assert.match(notice, new RegExp(`Caseload locked after ${IDLE_SECONDS} seconds without use`));
  });

  await h.step('the page holds no case data', async () => {
    const page = await app.session.execute(PAGE_DUMP);
    for (const text of CASE_TEXT) assert.ok(!page.includes(text), `"${text}" is still in the page`);
    assert.equal(await app.exists('#edit-case'), false);
    assert.equal(await app.exists('[data-case-id]'), false);
    await app.screenshot(path.join(SHOTS, 'locking-idle.png'));
    await docScreenshot(app, '17-unlock-after-idle-lock.png');
  });

  await h.step('wrong passphrases: the first four are only refused, then the next attempt must wait', async () => {
    for (let i = 1; i <= 4; i++) {
      const answer = await tryUnlock(app, `${WRONG_PASSPHRASE} ${i}`);
      assert.match(answer, /passphrase is not correct/, `attempt ${i}`);
    }
    const answer = await tryUnlock(app, PASSPHRASE);
    assert.match(answer, /Too many wrong passphrases\. Try again in [12] seconds?\./);
    assert.ok(await app.exists('#unlock-wait'), 'the wait is counted down on the screen');
    await app.scan('Unlock (too many wrong passphrases)');
    await app.screenshot(path.join(SHOTS, 'locking-too-many.png'));
  });

  let sixthAt = 0;
  await h.step('each further wrong passphrase doubles the wait; the count is in unlock-attempts.json', async () => {
    await sleep(2_500);
    assert.match(await tryUnlock(app, `${WRONG_PASSPHRASE} 5`), /passphrase is not correct/);
    assert.match(await tryUnlock(app, PASSPHRASE), /Try again in [34] seconds\./, 'four seconds after the fifth');
    await sleep(4_500);
    assert.match(await tryUnlock(app, `${WRONG_PASSPHRASE} 6`), /passphrase is not correct/);
    sixthAt = Date.now();
    const attempts = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'unlock-attempts.json'), 'utf8'));
    assert.deepEqual(Object.keys(attempts).sort(), ['failures', 'times'], 'a count and times, nothing typed');
    assert.equal(attempts.failures, 6);
    assert.equal(attempts.times.length, 6);
    await app.quit();
  });

  const again = await h.step('start again', () => h.start());
  await h.step('the wait is kept across the restart; once it is over the right passphrase opens the caseload', async () => {
    await again.waitForScreen(TITLES.unlock, { scan: false });
    const since = (Date.now() - sixthAt) / 1000;
    const answer = await tryUnlock(again, PASSPHRASE);
    t.diagnostic(`first attempt after the restart, ${since.toFixed(1)} s after the sixth failure: ${answer}`);
    if (since < 7) assert.match(answer, /Too many wrong passphrases\. Try again in [1-8] seconds?\./);
    if (answer !== 'unlocked') {
      await sleep(8_500 - (Date.now() - sixthAt));
      assert.equal(await tryUnlock(again, PASSPHRASE), 'unlocked');
    }
    assert.equal(fs.existsSync(path.join(h.dataDir, 'unlock-attempts.json')), false, 'the count is reset');
  });

  await h.step('Settings: the minutes before Caseload locks, 1 to 30', async () => {
    await again.click('nav-settings');
    await again.waitForScreen('Settings');
    assert.equal(await again.value('lock_after_minutes'), '5', 'five minutes unless changed');
    await again.fill('lock_after_minutes', '45');
    await again.click('save-settings');
    await waitFor(() => again.exists('#lock_after_minutes-error'), { what: 'the error on lock_after_minutes' });
    assert.match(await (await again.el('lock_after_minutes-error')).text(), /between 1 and 30 minutes/);
    await again.scan('Settings (lock after 45 minutes refused)');
    await again.fill('lock_after_minutes', '15');
    await again.click('save-settings');
    await waitFor(() => again.exists('#settings-saved'), { what: 'Settings saved' });
    assert.equal(await again.value('lock_after_minutes'), '15');
    await again.session.execute("document.getElementById('lock_after_minutes').scrollIntoView({ block: 'center' });");
    await again.screenshot(path.join(SHOTS, 'locking-settings.png'));
  });

  const NEW_PASSPHRASE = 'lantern orchard pebble e2e';
  await h.step('Change passphrase: a guessable one is refused; "known" re-encrypts the caseload', async () => {
    await again.click('nav-change-passphrase');
    await again.waitForScreen('Change passphrase');
    await again.fill('current_passphrase', PASSPHRASE);
    await again.fill('new_passphrase', 'password1234');
    await again.fill('new_passphrase_confirm', 'password1234');
    await again.click('change-passphrase');
    await waitFor(() => again.exists('#new_passphrase-error'), { what: 'the error on new_passphrase' });
    assert.match(await (await again.el('new_passphrase-error')).text(), /too easy to guess/);
    await again.scan('Change passphrase (too easy to guess)');
    await again.screenshot(path.join(SHOTS, 'passphrase-weak.png'));
    await again.fill('current_passphrase', PASSPHRASE);
    await again.fill('new_passphrase', NEW_PASSPHRASE);
    await again.fill('new_passphrase_confirm', NEW_PASSPHRASE);
    await again.session.execute("document.getElementById('passphrase-known-known').click();");
    await again.click('change-passphrase');
    await again.waitForScreen(TITLES.caseload, { scan: false });
    const notice = await (await again.el('notice')).text();
    assert.match(notice, /re-encrypted under a new key/);
    await again.screenshot(path.join(SHOTS, 'passphrase-rekeyed.png'));
  });

  await h.step('the worker’s own Lock also clears the page, with no notice', async () => {
    await again.click('lock');
    await again.waitForScreen(TITLES.unlock, { scan: false });
    assert.equal(await again.exists('#lock-notice'), false);
    assert.equal(await again.exists('#case-table'), false);
  });

  await h.step('after the re-key only the new passphrase opens the caseload', async () => {
    assert.match(await tryUnlock(again, PASSPHRASE), /passphrase is not correct/);
    assert.equal(await tryUnlock(again, NEW_PASSPHRASE), 'unlocked');
    await again.quit();
  });

  h.assertAccessible(t);
});
