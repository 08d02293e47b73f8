//! The postcode-to-ward lookup on the real app (#15): two attendance summaries imported with the
//! CLI give pupils' postcodes but no wards; Settings says no lookup is loaded; "Load file…" chooses
//! the council's CSV through the backend's file chooser (answered by CASELOAD_TEST_DIALOG_ANSWER)
//! and shows the postcodes and wards loaded and the row left out by line number; the ward-bands
//! export (CLI) then places the pupils of both imports by postcode, each band's column adding to
//! 100 down the wards, with a Grand Total column and an LA Total row.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Harness } from '../lib/app.mjs';
import { createCaseload, unlock } from '../lib/flows.mjs';
import { daysAgo } from '../lib/steps.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('postcode-lookup');
});

after(async () => {
  await h?.teardown();
});

/** Synthetic only: ZZ99 postcodes are not real, nor are these wards. */
const LOOKUP = 'Postcode,Ward Code,Ward Name\nZZ99 1AA,E05000001,Testward Meadow\nZZ99 2AB,E05000002,Testward Abbey\nZZ9,E05000002,Testward Abbey\n';

async function shot(app, name) {
  if (!process.env.CASELOAD_E2E_SHOTS) return;
  await app.session.executeAsync(
    'const done = arguments[arguments.length - 1]; document.getElementById("postcode-lookup").scrollIntoView(); requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
  );
  await app.screenshot(path.join(process.env.CASELOAD_E2E_SHOTS, name));
}

test('a postcode lookup loaded from Settings places imported pupils in the council’s ward table', async () => {
  const first = await h.step('create the caseload', async () => {
    const app = await h.start();
    await createCaseload(app);
    return app;
  });
  await first.quit();

  const lookup = await h.step('import two schools’ summaries with postcodes and no wards', async () => {
    await h.cli(['share', '--worker-id', 'aw-e2e', '--team', 'Synthetic team', '--json']);
    const asAt = daysAgo(1).iso;
    const header = 'UPN,Possible Sessions,Present,Authorised Absence,Unauthorised Absence,As At,Phase,Postcode\n';
    const files = [
      ['school-a.csv', `B801200005001,100,95,5,0,${asAt},primary,zz99 1aa\nQ801200005002,100,55,45,0,${asAt},primary,ZZ99 2AB\n`],
      ['school-b.csv', `P207000016049,100,95,5,0,${asAt},secondary,ZZ99 1AA\n`],
    ];
    for (const [name, rows] of files) {
      const file = path.join(h.ws.root, name);
      fs.writeFileSync(file, header + rows);
      await h.cli(['import', 'summary', file, '--json']);
    }
    const file = path.join(h.ws.root, 'council-wards.csv');
    fs.writeFileSync(file, LOOKUP);
    return file;
  });

  const app = await h.step('unlock', async () => {
    const started = await h.start();
    await unlock(started);
    return started;
  });

  await h.step('Settings says no lookup is loaded', async () => {
    await app.click('nav-settings');
    await app.waitForScreen('Settings');
    await waitFor(async () => (await (await app.el('postcode-lookup-status')).text()).includes('None loaded'), {
      what: 'the lookup status',
    });
    await shot(app, 'postcode-lookup-none.png');
  });

  await h.step('Load file… loads the chosen CSV and says what it took', async () => {
    fs.writeFileSync(h.ws.dialogAnswer, lookup);
    await app.click('load-postcode-lookup');
    await waitFor(() => app.exists('#postcode-lookup-loaded'), { what: 'the loaded banner' });
    fs.rmSync(h.ws.dialogAnswer, { force: true });
    const banner = await (await app.el('postcode-lookup-loaded')).text();
    assert.match(banner, /Loaded council-wards\.csv: 2 postcodes in 2 wards/);
    assert.match(banner.replace(/\s+/g, ' '), /1 row was left out .* at line 4\b/);
    assert.ok(!banner.includes(h.ws.root), 'the name only, not the path');
    await waitFor(async () => (await (await app.el('postcode-lookup-status')).text()).includes('2 postcodes in 2 wards'), {
      what: 'the status after loading',
    });
    await app.scan('Settings, postcode lookup loaded');
    await shot(app, 'postcode-lookup-loaded.png');
  });
  await app.quit();

  await h.step('the ward-bands export places both imports’ pupils by postcode', async () => {
    const out = path.join(h.ws.root, 'ward-out');
    const saved = await h.cli(['export', 'ward-bands', '--format', 'json', '--out', out, '--json']);
    const summary = JSON.parse(fs.readFileSync(saved.files[0].path, 'utf8'));
    const bands = summary.tables.find((t) => t.id === 'ward_bands');
    assert.deepEqual(
      bands.rows.map((r) => r.ward),
      ['Testward Abbey', 'Testward Meadow', 'Postcode unmatched', 'LA Total'],
    );
    const meadow = bands.rows.find((r) => r.ward === 'Testward Meadow');
    assert.equal(meadow.band_91_100, 100);
    assert.equal(meadow.grand_total, 66.7);
    for (const key of bands.columns.map((c) => c.key).filter((k) => k.startsWith('band_') || k === 'grand_total')) {
      const cells = bands.rows.filter((r) => r.ward !== 'LA Total').map((r) => r[key]).filter((v) => v !== null);
      if (cells.length === 0) continue;
      const sum = cells.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 100) <= 0.1, `${key} adds to ${sum}`);
    }
  });
});
