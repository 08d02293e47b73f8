//! The dashboard a worker sees at login, on a 13-inch laptop (the harness's 1280×800 window) with
//! the 30-pupil demo caseload (`caseload demo`): at least 12 case rows fully in the viewport
//! without scrolling, and the primary navigation on one row.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { Harness, PASSPHRASE } from '../lib/app.mjs';
import { ARTIFACTS_DIR, docScreenshot, paths } from '../lib/driver.mjs';
import { createCaseload, unlock } from '../lib/flows.mjs';
import { showDashboard } from '../lib/steps.mjs';
import { waitFor } from '../lib/webdriver.mjs';

const execFileAsync = promisify(execFile);

/** @type {Harness} */
let h;

before(async () => {
  h = await Harness.setup();
  await h.beginTest('dashboard at login');
});

after(async () => {
  await h?.teardown();
});

/** Geometry of the dashboard at login, measured in the page. */
const MEASURE = `
  const vh = window.innerHeight;
  const rows = Array.from(document.querySelectorAll('#case-table tbody tr'));
  const visible = rows.filter((row) => {
    const r = row.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= vh && r.height > 0;
  }).length;
  const tops = Array.from(document.querySelectorAll('.moj-primary-navigation__item')).map((li) =>
    Math.round(li.getBoundingClientRect().top));
  return JSON.stringify({ vh, vw: window.innerWidth, rows: rows.length, visible, tops, scrollY: window.scrollY });
`;

test('at 1280×800 the demo caseload shows at least 12 full rows at login, under a one-row navigation', async (t) => {
  const app = await h.step('start the app', () => h.start());
  await h.step('create the caseload', () => createCaseload(app));
  await app.quit();

  await h.step('add the 30-pupil demo caseload with the CLI', () =>
    execFileAsync(paths.cli, ['--data-dir', h.dataDir, 'demo', '--pupils', '30'], {
      env: { ...process.env, CASELOAD_PASSPHRASE: PASSPHRASE },
      timeout: 120_000,
    }),
  );

  const again = await h.step('start the app again', () => h.start());
  await h.step('unlock', () => unlock(again));
  const m = await h.step('measure the dashboard', async () => {
    await waitFor(async () => (await again.session.execute('return document.querySelectorAll("#case-table tbody tr").length;')) >= 20, {
      what: "the demo's open cases in #case-table",
    });
    await again.screenshot(path.join(process.env.CASELOAD_E2E_SHOTS ?? ARTIFACTS_DIR, 'dashboard-1280x800.png'));
    // The README's picture: the dashboard at login with the demo caseload.
    await docScreenshot(again, 'caseload.png');
    return JSON.parse(await again.session.execute(MEASURE));
  });
  t.diagnostic(`dashboard geometry: ${JSON.stringify(m)}`);
  assert.equal(m.scrollY, 0, 'the dashboard opens at the top');
  assert.ok(m.visible >= 12, `at least 12 case rows fully visible at login; got ${m.visible} of ${m.rows}`);
  assert.ok(m.tops.length >= 7, `the primary navigation has its items; got ${m.tops.length}`);
  assert.equal(new Set(m.tops).size, 1, `the primary navigation is on one row; item tops ${m.tops.join(', ')}`);
  await again.scan('Your caseload (demo caseload)');

  await h.step('the chart of the caseload by band is drawn under the CSP, with no style refused', async () => {
    // Listen for CSP refusals, check the listener hears one (a style attribute set by markup), then
    // draw the dashboard again and expect none.
    const control = await again.session.executeAsync(`
      const done = arguments[arguments.length - 1];
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.sample));
      const probe = document.createElement('div');
      probe.innerHTML = '<span style="color: red">probe</span>';
      document.body.append(probe);
      setTimeout(() => { probe.remove(); const seen = window.__csp.length; window.__csp = []; done(seen); }, 500);
    `);
    t.diagnostic(`CSP listener heard ${control} refusal(s) of the probe`);
    await again.click('nav-reports');
    await again.waitForScreen('Case funnel', { scan: false });
    await showDashboard(again);
    await waitFor(() => again.exists('#dashboard-bands-chart'), { what: 'the chart (#dashboard-bands-chart)' });
    const chart = JSON.parse(
      await again.session.execute(`
        const svg = document.getElementById('dashboard-bands-chart');
        const box = svg.getBoundingClientRect();
        return JSON.stringify({
          tag: svg.tagName.toLowerCase(), role: svg.getAttribute('role'), name: svg.getAttribute('aria-label'),
          width: box.width, height: box.height, bars: svg.querySelectorAll('rect').length,
          styles: svg.querySelectorAll('style').length, refused: window.__csp,
        });`),
    );
    t.diagnostic(`chart: ${JSON.stringify(chart)}`);
    assert.equal(chart.tag, 'svg');
    assert.equal(chart.role, 'img');
    assert.match(chart.name, /open cases by attendance band/);
    assert.ok(chart.width > 100 && chart.height > 100, 'the chart has a size on screen');
    assert.ok(chart.bars >= 10, `one bar a band; got ${chart.bars}`);
    assert.equal(chart.styles, 0, 'no style element in the chart');
    assert.ok(control > 0, 'the listener hears the CSP refuse a style attribute set by markup');
    assert.deepEqual(chart.refused, [], 'the CSP refused nothing while the dashboard was drawn');
  });
  h.assertAccessible(t);
});
