//! Start-up time and memory of the release app against a bare Tauri window (the
//! `bare_window` example of caseload-desktop: same Tauri, features and profile), both started the
//! same way, through tauri-driver and WebKitWebDriver as the end-to-end tests do, under Xvfb.
//!
//!   node bench/startup.mjs APP_BIN BARE_BIN [RUNS]     (scripts/bench.sh runs it)
//!
//! Start-up: from asking WebKitWebDriver for a session (it starts the binary) to the first usable
//! screen in the page: the app's "Create your caseload" with its passphrase field, the bare
//! window's heading. Memory: once the app shows its dashboard (a new caseload created through the
//! first-run screen, then 2 s idle) and the bare window its page (2 s idle), RSS and PSS summed
//! over the binary's process and every process below it (WebKit's web and network processes),
//! from /proc/<pid>/smaps_rollup. Prints `TABLE` lines; the median of RUNS (default 3) runs.

import fs from 'node:fs';
import { makeWorkspace, paths, removeWorkspace, startDriver, stopDriverAndWait } from '../tests/e2e/lib/driver.mjs';
import { Session, sleep, waitFor } from '../tests/e2e/lib/webdriver.mjs';

const [appBin, bareBin, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg) || 3;
if (!appBin || !bareBin) {
  console.error('usage: node bench/startup.mjs APP_BIN BARE_BIN [RUNS]');
  process.exit(2);
}

function children() {
  const map = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!map.has(ppid)) map.set(ppid, []);
      map.get(ppid).push(Number(entry));
    } catch {
      // gone
    }
  }
  return map;
}

function tree(root) {
  const map = children();
  const out = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop();
    out.push(pid);
    todo.push(...(map.get(pid) ?? []));
  }
  return out;
}

/** The process running `bin` below tauri-driver's process `driverPid`. */
function binaryPid(driverPid, bin) {
  const target = fs.realpathSync(bin);
  return tree(driverPid).find((pid) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '') === target;
    } catch {
      return false;
    }
  });
}

/** RSS and PSS in MiB summed over `pid` and its descendants, and how many processes. */
function memory(pid) {
  let rss = 0;
  let pss = 0;
  const pids = tree(pid);
  const parts = [];
  for (const p of pids) {
    const rollup = fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    rss += kib('Rss');
    pss += kib('Pss');
    const name = fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim();
    parts.push(`${name} PSS ${(kib('Pss') / 1024).toFixed(0)} (anon ${(kib('Pss_Anon') / 1024).toFixed(0)}, file ${(kib('Pss_File') / 1024).toFixed(0)}) MiB`);
  }
  return { rss: rss / 1024, pss: pss / 1024, processes: pids.length, parts };
}

const pageText = (session, css) =>
  session.execute(`const e = document.querySelector(${JSON.stringify(css)}); return e ? e.textContent.trim() : '';`);

async function setValue(session, css, text) {
  const el = await session.find(css);
  await el.clear();
  await el.sendKeys(text);
}

/** One start of `bin`: seconds to its first usable screen, then memory once it has settled. */
async function once(bin, isApp) {
  paths.app = bin;
  const ws = makeWorkspace();
  const driver = await startDriver(ws);
  try {
    const started = performance.now();
    const session = await Session.create(driver.url, { alwaysMatch: { 'tauri:options': { application: bin } } });
    if (isApp) {
      await waitFor(async () => (await pageText(session, '#page-title')) === 'Create your caseload' &&
          (await session.execute('return !!document.getElementById("passphrase");')), {
        timeoutMs: 60_000,
        intervalMs: 20,
        what: 'the first-run screen',
      });
    } else {
      await waitFor(async () => (await pageText(session, '#ready')) === 'Bare window', { timeoutMs: 60_000, intervalMs: 20, what: 'the bare page' });
    }
    const startup = (performance.now() - started) / 1000;
    if (isApp) {
      const pass = 'benchmark passphrase for startup';
      await setValue(session, '#passphrase', pass);
      await setValue(session, '#passphrase_confirm', pass);
      await (await session.find('#create-caseload')).click();
      await waitFor(async () => (await pageText(session, '#page-title')) === 'Your caseload', { timeoutMs: 60_000, what: 'the dashboard' });
    }
    await sleep(2_000);
    const pid = binaryPid(driver.pid, bin);
    if (!pid) throw new Error(`no process running ${bin}`);
    const mem = memory(pid);
    await session.delete().catch(() => {});
    return { startup, ...mem };
  } finally {
    await stopDriverAndWait(driver.pid);
    removeWorkspace(ws);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = { app: [], bare: [] };
for (let run = 1; run <= RUNS; run++) {
  for (const [name, bin] of [['bare', bareBin], ['app', appBin]]) {
    const r = await once(bin, name === 'app');
    results[name].push(r);
    console.log(`run ${run} ${name}: start-up ${r.startup.toFixed(2)} s, RSS ${r.rss.toFixed(0)} MiB, PSS ${r.pss.toFixed(0)} MiB over ${r.processes} processes`);
    console.log(`      ${r.parts.join('; ')}`);
  }
}
const m = (name, key) => median(results[name].map((r) => r[key]));
const [as, bs] = [m('app', 'startup'), m('bare', 'startup')];
const [ar, br] = [m('app', 'rss'), m('bare', 'rss')];
const [ap, bp] = [m('app', 'pss'), m('bare', 'pss')];
console.log(`TABLE\tCold start to first usable screen\t${as.toFixed(2)} s\tbare Tauri window, same Tauri and profile\t${bs.toFixed(2)} s\t${(as / bs).toFixed(2)}x\t-`);
console.log(`TABLE\tMemory after the dashboard, RSS (app + WebKit)\t${ar.toFixed(0)} MiB\tbare Tauri window\t${br.toFixed(0)} MiB\t${(ar / br).toFixed(2)}x\t<= 1.2x`);
console.log(`TABLE\tMemory after the dashboard, PSS (app + WebKit)\t${ap.toFixed(0)} MiB\tbare Tauri window\t${bp.toFixed(0)} MiB\t${(ap / bp).toFixed(2)}x\t<= 1.2x`);
