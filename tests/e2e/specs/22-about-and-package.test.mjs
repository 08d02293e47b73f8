//! The version and licences in the real app (#16), and the check the package install test runs on
//! the INSTALLED app (tests/package/install-test.sh points CASELOAD_APP_BIN and CASELOAD_CLI_BIN at
//! /usr/bin): a caseload made with the CLI opens the app at its unlock screen; once unlocked,
//! Settings → About shows the version the CLI's `--version` prints and the third-party components
//! counted by kind and by licence, and a licence's button narrows the table to it.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { Harness, PASSPHRASE, TITLES } from '../lib/app.mjs';
import { paths } from '../lib/driver.mjs';
import { unlock } from '../lib/flows.mjs';

const execFileAsync = promisify(execFile);

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('about-and-package');
});

after(async () => {
  await h?.teardown();
});

/** Scrolls `id` to the top, then (with CASELOAD_E2E_SHOTS) saves a screenshot named `name`. */
async function shot(app, id, name) {
  await app.session.executeAsync(
    'const done = arguments[arguments.length - 1]; const el = document.getElementById(arguments[0]); if (el) el.scrollIntoView(); requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
    [id],
  );
  if (process.env.CASELOAD_E2E_SHOTS) await app.screenshot(path.join(process.env.CASELOAD_E2E_SHOTS, name));
}

const text = (app, id) => app.session.execute('return document.getElementById(arguments[0])?.textContent ?? null;', [id]);

test('a caseload made with the CLI opens at the unlock screen, and Settings → About shows the CLI’s version and the licences', async () => {
  const { stdout } = await execFileAsync(paths.cli, ['--version']);
  const [, version] = stdout.trim().match(/^caseload (\d+\.\d+\.\d+\S*)$/) ?? [];
  assert.ok(version, `caseload --version printed ${JSON.stringify(stdout)}`);

  await execFileAsync(paths.cli, ['--data-dir', h.dataDir, 'init'], {
    env: { ...process.env, CASELOAD_PASSPHRASE: PASSPHRASE },
  });

  const app = await h.start();
  await h.step('the unlock screen', async () => {
    await app.waitForScreen(TITLES.unlock);
    await shot(app, 'page-title', 'unlock.png');
  });
  await unlock(app);

  await h.step('Settings → About: the version, and the components by kind and by licence', async () => {
    await app.click('nav-settings');
    await app.waitForScreen('Settings');
    const shown = await text(app, 'about-version');
    assert.equal(shown?.trim(), version);
    const builtFrom = (await text(app, 'about-built-from'))?.replace(/\s+/g, ' ').trim();
    assert.match(builtFrom, /^[\d,]+ third-party components: \d+ Rust crates, \d+ npm packages, 1 font$/);
    const rows = await app.session.execute('return document.querySelectorAll("#about-components tbody tr").length;');
    assert.ok(rows > 100, `only ${rows} components listed`);
  });

  await h.step('a licence’s button narrows the table to it', async () => {
    await app.clickCss('#about-licence-counts li:first-child button');
    const licences = await app.session.execute(
      'return [...document.querySelectorAll("#about-components tbody tr td:nth-of-type(1)")].map((td) => td.textContent.trim());',
    );
    const first = await app.session.execute('return document.querySelector("#about-licence-counts li button").textContent.trim();');
    assert.ok(licences.length > 0 && licences.every((l) => l === first), `rows other than ${first}: ${licences}`);
    await app.clickCss('#about-licence-counts li:first-child button');
    await app.scan('Settings, about');
    await shot(app, 'about', 'settings-about.png');
    await shot(app, 'about-components-title', 'settings-about-components.png');
  });

  h.assertAccessible();
});
