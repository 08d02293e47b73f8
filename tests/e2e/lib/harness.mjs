//! The Caseload harness: one tauri-driver per run (or per file when a spec is run on its own),
//! app start/quit over WebDriver sessions, the steps of a story with screenshots on failure, the
//! axe-core tally of every screen visited, and the `caseload` CLI. The App page driver is in
//! page.mjs; specs import both from app.mjs.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  makeWorkspace,
  paths,
  removeWorkspace,
  resetWorkspace,
  startDriver,
  stopDriverAndWait,
  workspaceFromEnv,
} from './driver.mjs';
import { App } from './page.mjs';
import { AXE_REQUIRED_RULES } from './page-scripts.mjs';
import { Session, sleep } from './webdriver.mjs';

const execFileAsync = promisify(execFile);

export const PASSPHRASE = 'correct horse battery staple e2e';
export const WRONG_PASSPHRASE = 'not the passphrase at all';

export const TITLES = {
  firstRun: 'Create your caseload',
  unlock: 'Unlock Caseload',
  caseload: 'Your caseload',
  addCase: 'Add a case',
};

const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

export class Harness {
  constructor(ws, driverUrl, ownDriverPid) {
    this.ws = ws;
    this.driverUrl = driverUrl;
    this.ownDriverPid = ownDriverPid;
    this.driverPid = ws.driverPid ?? ownDriverPid;
    this.app = undefined;
    this.testName = 'e2e';
    this.a11y = [];
  }

  /**
   * Joins the run's tauri-driver (started by run.mjs), or starts one for this file alone. With
   * `env` (variables the app must see, e.g. a test-only override), always starts its own, since
   * the app inherits tauri-driver's environment.
   */
  static async setup({ env } = {}) {
    const shared = env ? undefined : workspaceFromEnv();
    if (shared) return new Harness(shared, shared.driverUrl, undefined);
    const ws = makeWorkspace();
    try {
      const driver = await startDriver(ws, env);
      return new Harness(ws, driver.url, driver.pid);
    } catch (error) {
      removeWorkspace(ws);
      throw error;
    }
  }

  async teardown() {
    if (this.app) await this.app.quit().catch(() => {});
    if (this.ownDriverPid) {
      await stopDriverAndWait(this.ownDriverPid);
      removeWorkspace(this.ws);
    }
  }

  /** A fresh first run: no app running, empty data dir and webview storage. */
  async beginTest(name) {
    if (this.app) await this.app.quit();
    this.testName = name;
    this.a11y = [];
    resetWorkspace(this.ws);
  }

  get dataDir() {
    return this.ws.dataDir;
  }

  /**
   * Runs one step of a story; on failure saves a screenshot and the page's HTML into artifacts/
   * and names the step in the error.
   */
  async step(name, fn) {
    try {
      return await fn();
    } catch (error) {
      const base = `${slug(this.testName)}--${slug(name)}`;
      const saved = await this.app?.saveFailureArtifacts(base).catch(() => []);
      const where = saved?.length ? `\n  saved: ${saved.join(', ')}` : '';
      error.message = `step "${name}": ${error.message}${where}`;
      throw error;
    }
  }

  /** Starts the app; retries while the previous instance still holds the data dir. */
  async start() {
    if (this.app) throw new Error('the app is already running in this test');
    const capabilities = { alwaysMatch: { 'tauri:options': { application: paths.app } } };
    let session;
    let lastError;
    for (let attempt = 1; attempt <= 5 && !session; attempt++) {
      try {
        session = await Session.create(this.driverUrl, capabilities);
      } catch (error) {
        lastError = error;
        await sleep(1_000);
      }
    }
    if (!session) throw new Error(`could not start the app: ${lastError?.message}`);
    const app = new App(this, session);
    this.app = app;
    await app.afterStart();
    return app;
  }

  /** Fails with every axe violation found on the screens this test visited; `t` gets a tally. */
  assertAccessible(t) {
    const withViolations = this.a11y.filter((scan) => scan.violations.length > 0);
    t?.diagnostic(`axe-core scanned ${this.a11y.length} screens: ${this.a11y.map((s) => s.screen).join(' | ')}`);
    if (this.a11y.length === 0) throw new Error('no screen was scanned with axe-core');
    const unrun = this.a11y
      .map((scan) => ({ screen: scan.screen, missing: AXE_REQUIRED_RULES.filter((id) => !scan.rulesRun.includes(id)) }))
      .filter((scan) => scan.missing.length > 0);
    if (unrun.length > 0) {
      const lines = unrun.map((scan) => `screen "${scan.screen}" did not run ${scan.missing.join(', ')}`);
      throw new Error(`axe-core ran without required rules:\n${lines.join('\n')}`);
    }
    if (withViolations.length === 0) return;
    const lines = [];
    for (const scan of withViolations) {
      lines.push(`screen "${scan.screen}":`);
      for (const v of scan.violations) {
        lines.push(`  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`);
        v.targets.forEach((target, i) => lines.push(`      at ${target}${v.messages?.[i] ? `: ${v.messages[i]}` : ''}`));
      }
    }
    throw new Error(`accessibility violations (axe-core):\n${lines.join('\n')}`);
  }

  /** Runs the `caseload` CLI on the test's data dir and parses its JSON output. */
  async cli(args, { passphrase = PASSPHRASE } = {}) {
    const argv = ['--data-dir', this.dataDir, ...args];
    try {
      const { stdout } = await execFileAsync(paths.cli, argv, {
        env: { ...process.env, CASELOAD_PASSPHRASE: passphrase },
        timeout: 60_000,
      });
      return JSON.parse(stdout);
    } catch (error) {
      const stderr = error.stderr ? `\n  stderr: ${String(error.stderr).trim()}` : '';
      const stdout = error.stdout ? `\n  stdout: ${String(error.stdout).trim()}` : '';
      throw new Error(`caseload ${argv.join(' ')} failed: ${error.message}${stderr}${stdout}`);
    }
  }
}
