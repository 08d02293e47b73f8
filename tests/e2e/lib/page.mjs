//! The App page driver: one running Caseload window over a WebDriver session, with quit and kill,
//! form helpers keyed by the UI's element ids, focus and Tab checks, an axe-core scan of each
//! screen, and screenshots. The Harness that starts it is in harness.mjs.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ARTIFACTS_DIR } from './driver.mjs';
import { AXE_TAGS, DISPATCH_INPUT, RUN_AXE, SELECTED_OPTION, SELECT_OPTION, SET_VALUE } from './page-scripts.mjs';
import { appPids, isAlive } from './processes.mjs';
import { KEY, WebDriverError, waitFor } from './webdriver.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export class App {
  constructor(harness, session) {
    this.harness = harness;
    this.session = session;
    this.pids = [];
  }

  async afterStart() {
    await this.session.setTimeouts({ script: 60_000, pageLoad: 30_000, implicit: 0 });
    this.pids = await waitFor(() => appPids(this.harness.driverPid), {
      timeoutMs: 10_000,
      what: 'the app process to appear',
    }).catch(() => []);
    await this.session.setWindowRect({ width: 1280, height: 800 }).catch(() => {});
    await waitFor(() => this.exists('#page-title'), { timeoutMs: 30_000, what: 'the first screen (#page-title)' });
  }

  /**
   * Deletes the session and waits for the app process to end (it is single-instance and locks the
   * data dir, so the next start would fail while it lives).
   */
  async quit() {
    if (this.harness.app === this) this.harness.app = undefined;
    await this.session.delete().catch(() => {});
    const gone = () => this.pids.every((pid) => !isAlive(pid));
    try {
      await waitFor(gone, { timeoutMs: 15_000, what: 'the app process to exit' });
    } catch {
      console.error(`# the app (pids ${this.pids.join(', ')}) did not exit 15 s after its session ended; terminating it`);
      for (const pid of this.pids) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // gone
        }
      }
      await waitFor(gone, { timeoutMs: 5_000, what: 'the app to exit after SIGTERM' }).catch(() => {
        for (const pid of this.pids) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // gone
          }
        }
      });
    }
  }

  /**
   * Kills the app outright (SIGKILL), as when a laptop's battery dies: no shutdown code runs.
   * The WebDriver session is dropped without asking the app anything.
   */
  async kill() {
    if (this.harness.app === this) this.harness.app = undefined;
    if (this.pids.length === 0) throw new Error('the app process ids are not known, so it cannot be killed');
    for (const pid of this.pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await waitFor(() => this.pids.every((pid) => !isAlive(pid)), { timeoutMs: 10_000, what: 'the killed app to be gone' });
    await this.session.delete().catch(() => {});
  }

  async exists(css) {
    return (await this.session.findAll(css)).length > 0;
  }

  el(id) {
    return this.session.find(`#${cssId(id)}`);
  }

  async title() {
    return (await (await this.session.find('#page-title')).text()).trim();
  }

  /** Waits for the screen whose h1#page-title matches, then scans it with axe. */
  async waitForScreen(expected, { scan = true, timeoutMs = 15_000, screen } = {}) {
    const matches = (t) => (expected instanceof RegExp ? expected.test(t) : t === expected);
    let last = '';
    try {
      await waitFor(
        async () => {
          last = await this.title();
          return matches(last);
        },
        { timeoutMs, what: `screen "${expected}"` },
      );
    } catch (error) {
      error.message += ` (page-title is "${last}")`;
      throw error;
    }
    if (scan) await this.scan(screen ?? last);
    return last;
  }

  /** Clicks by element click, or by script when WebKitWebDriver refuses the click. */
  async click(id) {
    const element = await this.el(id);
    if (process.env.CASELOAD_E2E_CLICK !== 'script') {
      try {
        await element.click();
        return;
      } catch (error) {
        if (!(error instanceof WebDriverError)) throw error;
      }
    }
    await this.session.execute('arguments[0].click();', [element]);
  }

  async clickCss(css) {
    const element = await this.session.find(css);
    try {
      await element.click();
    } catch (error) {
      if (!(error instanceof WebDriverError)) throw error;
      await this.session.execute('arguments[0].click();', [element]);
    }
  }

  /** Sets a text input, textarea or select the way a user would, checking the result. */
  async fill(id, value) {
    const text = String(value);
    const element = await this.el(id);
    const tag = String(await element.tagName()).toLowerCase();
    if (tag === 'select') {
      const ok = await this.session.execute(SELECT_OPTION, [element, text]);
      if (!ok) throw new Error(`#${id} has no option with value or text "${text}"`);
      return;
    }
    await element.clear();
    await this.session.execute(DISPATCH_INPUT, [element]);
    if (text !== '') await element.sendKeys(text);
    const actual = await element.property('value');
    if (actual !== text) {
      await this.session.execute(SET_VALUE, [element, text]);
    }
  }

  async value(id) {
    const element = await this.el(id);
    const tag = String(await element.tagName()).toLowerCase();
    if (tag === 'select') return this.session.execute(SELECTED_OPTION, [element]);
    return element.property('value');
  }

  bodyText() {
    return this.session.execute('return document.body.innerText;');
  }

  /** The ids in data-case-id of the case links in #case-table (none when there is no table). */
  caseIds() {
    return this.session.execute(
      `return Array.from(document.querySelectorAll('#case-table [data-case-id]'))
         .map((a) => a.getAttribute('data-case-id'));`,
    );
  }

  /** The text of the #case-table row holding the link to the case. */
  caseRowText(id) {
    return this.session.execute(
      `const link = document.querySelector('#case-table [data-case-id="' + CSS.escape(arguments[0]) + '"]');
       if (!link) return null;
       const row = link.closest('tr');
       return (row || link).innerText;`,
      [id],
    );
  }

  async openCase(id) {
    await this.clickCss(`#case-table [data-case-id="${cssString(id)}"]`);
  }

  /** Presses keys on the focused element (strings are typed, arrays are chords): see Session.keys. */
  keys(...items) {
    return this.session.keys(...items);
  }

  /** What has focus: its id, tag, text (first 80 characters) and whether it shows a focus indicator. */
  focused(css) {
    return this.session.execute(FOCUSED, css === undefined ? [] : [css]);
  }

  /**
   * Presses Tab (Shift+Tab with `back`) until the focused element matches `css` (and its text
   * matches `text`, when given), at most `max` times; returns what has focus. With
   * `checkFocusVisible`, every element Tab lands on must show a focus indicator (fails naming
   * those that do not).
   */
  async tabTo(css, { text, max = 150, back = false, checkFocusVisible = true } = {}) {
    const unseen = [];
    for (let i = 0; i < max; i++) {
      await this.keys(back ? [KEY.SHIFT, KEY.TAB] : KEY.TAB);
      const now = await this.focused(css);
      if (checkFocusVisible && !now.visible && now.tag !== 'body') unseen.push(now.describe);
      if (now.matches && (!text || text.test(now.text))) {
        if (unseen.length) throw new Error(`no visible focus indicator on: ${unseen.join('; ')}`);
        return now;
      }
    }
    throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach ${css}`);
  }

  /** Injects axe-core (once per document) and records the screen's violations on the harness. */
  async scan(screen) {
    const loaded = await this.session.execute('return typeof window.axe === "object";');
    if (!loaded) {
      await this.session.execute(`${AXE_SOURCE}\nreturn typeof window.axe;`);
    }
    const raw = await this.session.executeAsync(RUN_AXE, [AXE_TAGS]);
    if (typeof raw !== 'string' || raw.startsWith('ERROR:')) {
      throw new Error(`axe-core could not run on "${screen}": ${raw}`);
    }
    const { violations, rulesRun } = JSON.parse(raw);
    this.harness.a11y.push({ screen, violations, rulesRun });
    return violations;
  }

  async screenshot(file) {
    const png = await this.session.screenshot();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, png);
    return file;
  }

  async saveFailureArtifacts(base) {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const saved = [];
    const png = path.join(ARTIFACTS_DIR, `${base}.png`);
    try {
      saved.push(await this.screenshot(png));
    } catch {
      // the window may be gone
    }
    try {
      const html = await this.session.execute('return document.documentElement.outerHTML;');
      const file = path.join(ARTIFACTS_DIR, `${base}.html`);
      fs.writeFileSync(file, html);
      saved.push(file);
    } catch {
      // the window may be gone
    }
    return saved;
  }
}

/**
 * What has focus, whether it matches the selector in arguments[0] (when given), and whether it
 * shows a focus indicator: the GOV.UK focus yellow in its outline, background or box shadow (every
 * GOV.UK and MoJ focus style uses it), or the browser's own focus ring (outline-style auto).
 */
const FOCUSED = `
  const el = document.activeElement;
  if (!el) return { tag: 'none', visible: false, matches: false, describe: 'nothing' };
  const style = getComputedStyle(el);
  const YELLOW = 'rgb(255, 221, 0)';
  const outline = style.outlineStyle === 'auto' ||
    (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor === YELLOW);
  const shadow = (style.boxShadow || '').includes(YELLOW);
  const yellow = style.backgroundColor === YELLOW;
  const tag = el.tagName.toLowerCase();
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 80);
  const classes = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  return {
    id: el.id,
    tag,
    text,
    matches: typeof arguments[0] === 'string' ? el.matches(arguments[0]) : false,
    visible: outline || shadow || yellow,
    describe: tag + (el.id ? '#' + el.id : '') + classes + ' "' + text + '"',
  };`;

function cssId(id) {
  return id.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`);
}

function cssString(s) {
  return s.replace(/["\\]/g, (c) => `\\${c}`);
}
