#!/usr/bin/env node
//! Runs the end-to-end suite: one tauri-driver for the whole run (its environment points the app
//! at a throwaway data dir), the spec files one after another under `node --test`, and clean-up
//! of tauri-driver and the temp dirs however the run ends. Needs an X display: scripts/test.sh runs
//! it under `xvfb-run -a`, and without $DISPLAY it re-runs itself that way. Extra arguments are
//! passed to `node --test`, e.g. a spec file or `--test-name-pattern=...`.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR, E2E_DIR, makeWorkspace, removeWorkspace, startDriver, stopDriverAndWait } from './lib/driver.mjs';

const args = process.argv.slice(2);

// No display: run this same script again on a virtual one.
if (!process.env.DISPLAY && !process.env.CASELOAD_E2E_NO_XVFB_REEXEC) {
  const xvfb = spawnSync(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1600x1000x24 -nolisten tcp', process.execPath, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, CASELOAD_E2E_NO_XVFB_REEXEC: '1' } },
  );
  if (xvfb.error) {
    console.error(`e2e: no $DISPLAY, and xvfb-run could not start (${xvfb.error.message}); run scripts/setup.sh`);
    process.exit(1);
  }
  process.exit(xvfb.status ?? 1);
}
const specFiles = args.some((a) => a.endsWith('.mjs'))
  ? []
  : fs
      .readdirSync(path.join(E2E_DIR, 'specs'))
      .filter((f) => f.endsWith('.test.mjs'))
      .sort()
      .map((f) => path.join('specs', f));

fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });

const ws = makeWorkspace();
let driver;
let child;
let cleaned = false;

async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (child && child.exitCode === null) child.kill('SIGTERM');
  if (driver) await stopDriverAndWait(driver.pid);
  removeWorkspace(ws);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    cleanup().finally(() => process.exit(130));
  });
}

let code = 1;
try {
  driver = await startDriver(ws);
  const started = Date.now();
  code = await new Promise((resolve) => {
    child = spawn(
      process.execPath,
      ['--test', '--test-concurrency=1', '--test-reporter=spec', ...args, ...specFiles],
      {
        cwd: E2E_DIR,
        stdio: 'inherit',
        env: {
          ...process.env,
          CASELOAD_E2E_ROOT: ws.root,
          CASELOAD_E2E_DRIVER_URL: driver.url,
          CASELOAD_E2E_DRIVER_PID: String(driver.pid),
        },
      },
    );
    child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
  console.log(`# e2e: node --test finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${code}`);
} catch (error) {
  console.error(`e2e: ${error.message}`);
  code = 1;
} finally {
  await cleanup();
}
if (code !== 0) console.error(`e2e: failure artifacts (screenshots, HTML, tauri-driver.log) are in ${ARTIFACTS_DIR}`);
process.exit(code);
