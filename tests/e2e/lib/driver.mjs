//! Starting and stopping tauri-driver, and the throwaway directories the app runs on.
//! The app inherits its environment from tauri-driver (tauri:options cannot set variables), so
//! the data dir and the webview's XDG dirs are fixed for one tauri-driver process; tests reset
//! their contents between files instead (see resetWorkspace).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request, sleep } from './webdriver.mjs';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
export const ARTIFACTS_DIR = path.join(E2E_DIR, 'artifacts');

const TARGET_DIR = path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR || 'target');

export const paths = {
  app: process.env.CASELOAD_APP_BIN ?? path.join(TARGET_DIR, 'debug', 'caseload-desktop'),
  cli: process.env.CASELOAD_CLI_BIN ?? path.join(TARGET_DIR, 'debug', 'caseload'),
  tauriDriver: process.env.TAURI_DRIVER_BIN ?? path.join(REPO_ROOT, '.tools', 'bin', 'tauri-driver'),
  nativeDriver: process.env.WEBKIT_WEBDRIVER_BIN ?? '/usr/bin/WebKitWebDriver',
};

// Xvfb has no GPU: Mesa's software renderer, said outright. Do not add
// WEBKIT_DISABLE_DMABUF_RENDERER=1 (or WEBKIT_DISABLE_COMPOSITING_MODE=1) here: with either, WebKitGTK
// 2.50 under Xvfb stops painting a page that has been idle for a second or two, and a WebDriver
// screenshot of it then never answers.
const RENDER_ENV = { LIBGL_ALWAYS_SOFTWARE: '1' };

/** The directories one tauri-driver process (and so every app it starts) uses. */
export function makeWorkspace() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'caseload-e2e-'));
  const ws = {
    root,
    dataDir: path.join(root, 'data'),
    xdgData: path.join(root, 'xdg', 'data'),
    xdgConfig: path.join(root, 'xdg', 'config'),
    xdgCache: path.join(root, 'xdg', 'cache'),
    documentsDir: path.join(root, 'documents'),
    dialogAnswer: path.join(root, 'dialog-answer.txt'),
  };
  resetWorkspace(ws);
  return ws;
}

/** Empties the data dir and the webview's dirs, so the next app start is a first run. */
export function resetWorkspace(ws) {
  for (const dir of [ws.dataDir, ws.xdgData, ws.xdgConfig, ws.xdgCache, ws.documentsDir]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.rmSync(ws.dialogAnswer, { force: true });
}

export function workspaceFromEnv() {
  const root = process.env.CASELOAD_E2E_ROOT;
  if (!root || !process.env.CASELOAD_E2E_DRIVER_URL) return undefined;
  return {
    root,
    dataDir: path.join(root, 'data'),
    xdgData: path.join(root, 'xdg', 'data'),
    xdgConfig: path.join(root, 'xdg', 'config'),
    xdgCache: path.join(root, 'xdg', 'cache'),
    documentsDir: path.join(root, 'documents'),
    dialogAnswer: path.join(root, 'dialog-answer.txt'),
    driverUrl: process.env.CASELOAD_E2E_DRIVER_URL,
    driverPid: Number(process.env.CASELOAD_E2E_DRIVER_PID) || undefined,
  };
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function checkBinaries() {
  const missing = [];
  for (const [name, file] of Object.entries(paths)) {
    try {
      fs.accessSync(file, fs.constants.X_OK);
    } catch {
      missing.push(`${name}: ${file}`);
    }
  }
  if (missing.length) {
    throw new Error(
      `missing executables (run scripts/setup.sh and cargo build -p caseload-desktop -p caseload-cli):\n  ${missing.join('\n  ')}`,
    );
  }
}

/**
 * Starts tauri-driver in its own process group (so stopDriver can end it with everything it
 * started) with the workspace's directories (and `extraEnv`) in its environment, and waits for its
 * port.
 */
export async function startDriver(ws, extraEnv = {}) {
  checkBinaries();
  if (!process.env.DISPLAY) {
    throw new Error('no $DISPLAY: run the suite under xvfb-run -a (scripts/test.sh does)');
  }
  let port = Number(process.env.CASELOAD_E2E_PORT) || 4444;
  let nativePort = port + 1;
  if (!(await portIsFree(port)) || !(await portIsFree(nativePort))) {
    port = await freePort();
    nativePort = await freePort();
  }
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const log = fs.openSync(path.join(ARTIFACTS_DIR, 'tauri-driver.log'), 'a');
  const child = spawn(
    paths.tauriDriver,
    ['--port', String(port), '--native-port', String(nativePort), '--native-driver', paths.nativeDriver],
    {
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        CASELOAD_DATA_DIR: ws.dataDir,
        CASELOAD_DOCUMENTS_DIR: ws.documentsDir,
        // Debug builds only: the backend's file, save and folder dialogs answer with the path in
        // this file (empty or missing: cancelled) instead of opening; WebDriver cannot drive them.
        CASELOAD_TEST_DIALOG_ANSWER: ws.dialogAnswer,
        XDG_DATA_HOME: ws.xdgData,
        XDG_CONFIG_HOME: ws.xdgConfig,
        XDG_CACHE_HOME: ws.xdgCache,
        ...RENDER_ENV,
        ...extraEnv,
      },
    },
  );
  fs.closeSync(log);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      throw new Error(`tauri-driver exited at start (${JSON.stringify(exited)}); see artifacts/tauri-driver.log`);
    }
    try {
      await request(url, 'GET', '/status');
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopDriver(child.pid);
      throw new Error(`tauri-driver did not answer on ${url} within 30 s`);
    }
    await sleep(200);
  }
  child.unref();
  return { url, pid: child.pid, child };
}

/** Ends tauri-driver's process group: tauri-driver, WebKitWebDriver and any app it started. */
export function stopDriver(pid) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

export async function stopDriverAndWait(pid, timeoutMs = 5_000) {
  if (!pid) return;
  stopDriver(pid);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
}

export function removeWorkspace(ws) {
  if (ws?.root && ws.root.startsWith(os.tmpdir())) {
    fs.rmSync(ws.root, { recursive: true, force: true });
  }
}

/**
 * Saves a screenshot of the real app for the user guide (docs/images/<name>), only when
 * CASELOAD_E2E_UPDATE_DOCS=1, so ordinary runs leave the tree clean.
 */
export async function docScreenshot(app, name) {
  if (process.env.CASELOAD_E2E_UPDATE_DOCS !== '1') return;
  // Two animation frames: the screen just rendered has been painted, not only put in the DOM
  // (without this the first screen's picture can still show "Opening Caseload").
  await app.session.executeAsync(
    'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
  );
  await app.screenshot(path.join(REPO_ROOT, 'docs', 'images', name));
}
