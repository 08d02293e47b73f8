//! A small W3C WebDriver client over Node's global fetch, enough to drive the Caseload window
//! through tauri-driver. It knows nothing about Caseload; see app.mjs for that.

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** W3C WebDriver codes of the non-character keys the suite presses. */
export const KEY = {
  BACKSPACE: '\uE003',
  TAB: '\uE004',
  ENTER: '\uE007',
  SHIFT: '\uE008',
  CONTROL: '\uE009',
  ALT: '\uE00A',
  ESCAPE: '\uE00C',
  SPACE: '\uE00D',
  UP: '\uE013',
  DOWN: '\uE015',
};

/**
 * The key actions for `keys`: a string is typed one character at a time; an array is a chord,
 * its keys pressed in order and released in reverse (e.g. [KEY.CONTROL, 'k']).
 */
function keyActions(items) {
  const actions = [];
  for (const item of items) {
    if (Array.isArray(item)) {
      for (const key of item) actions.push({ type: 'keyDown', value: key });
      for (const key of [...item].reverse()) actions.push({ type: 'keyUp', value: key });
    } else {
      for (const key of item) actions.push({ type: 'keyDown', value: key }, { type: 'keyUp', value: key });
    }
  }
  return actions;
}

/** An error answered by the WebDriver server, with its W3C error code (e.g. "no such element"). */
export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    const code = value?.error ?? `http ${status}`;
    super(`${method} ${path} failed: ${code}: ${value?.message ?? JSON.stringify(value)}`);
    this.name = 'WebDriverError';
    this.code = code;
    this.status = status;
  }
}

/** No WebDriver command the suite sends should take this long; a hung one fails the test. */
const REQUEST_TIMEOUT_MS = 90_000;

export async function request(baseUrl, method, path, body, timeoutMs = REQUEST_TIMEOUT_MS) {
  const init = { method, headers: {}, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json; charset=utf-8';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(baseUrl + path, init);
  } catch (error) {
    const why = error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : error.message;
    throw new WebDriverError(method, path, 0, { error: 'transport', message: why });
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(method, path, res.status, { message: text.slice(0, 500) });
  }
  if (!res.ok || (json.value && typeof json.value === 'object' && 'error' in json.value)) {
    throw new WebDriverError(method, path, res.status, json.value);
  }
  return json.value;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a truthy value (which is returned) or `timeoutMs` passes.
 * Errors thrown by the probe count as "not yet"; the last one is reported on timeout.
 */
export async function waitFor(probe, { timeoutMs = 10_000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

export class Session {
  constructor(baseUrl, id, capabilities) {
    this.baseUrl = baseUrl;
    this.id = id;
    this.capabilities = capabilities;
  }

  static async create(baseUrl, capabilities) {
    const value = await request(baseUrl, 'POST', '/session', { capabilities });
    return new Session(baseUrl, value.sessionId, value.capabilities);
  }

  cmd(method, path, body, timeoutMs) {
    return request(this.baseUrl, method, `/session/${this.id}${path}`, body, timeoutMs);
  }

  delete() {
    return request(this.baseUrl, 'DELETE', `/session/${this.id}`);
  }

  setTimeouts(timeouts) {
    return this.cmd('POST', '/timeouts', timeouts);
  }

  setWindowRect(rect) {
    return this.cmd('POST', '/window/rect', rect);
  }

  async find(css) {
    const value = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return new Element(this, value[ELEMENT_KEY]);
  }

  async findAll(css) {
    const values = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return values.map((v) => new Element(this, v[ELEMENT_KEY]));
  }

  /** Runs `script` as a function body; `args` may include Element instances. */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args: args.map(toWire) });
  }

  /** Runs `script` as a function body whose last argument is the callback that ends it. */
  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args: args.map(toWire) });
  }

  /**
   * Presses keys on whatever has focus, as a keyboard would (W3C "perform actions"): strings are
   * typed, arrays are chords. See `keyActions`.
   */
  async keys(...items) {
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: keyActions(items) }] });
  }

  /**
   * The page as printed (W3C "print page": A4, backgrounds off), as a PDF Buffer; `null` when the
   * driver does not support printing (an "unknown command" or "unsupported operation" answer,
   * kept in `printRefusal`).
   */
  async print() {
    try {
      const base64 = await this.cmd('POST', '/print', { orientation: 'portrait', background: false }, 30_000);
      return Buffer.from(base64, 'base64');
    } catch (e) {
      if (/unknown command|unsupported operation|unknown method|not implemented/i.test(String(e?.message ?? e))) {
        this.printRefusal = e.message;
        return null;
      }
      throw e;
    }
  }

  /** A PNG of the window, as a Buffer. */
  async screenshot() {
    const base64 = await this.cmd('GET', '/screenshot', undefined, 20_000);
    return Buffer.from(base64, 'base64');
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.cmd('POST', '/click', {});
  }

  clear() {
    return this.cmd('POST', '/clear', {});
  }

  sendKeys(text) {
    return this.cmd('POST', '/value', { text });
  }

  text() {
    return this.cmd('GET', '/text');
  }

  property(name) {
    return this.cmd('GET', `/property/${encodeURIComponent(name)}`);
  }

  attribute(name) {
    return this.cmd('GET', `/attribute/${encodeURIComponent(name)}`);
  }

  tagName() {
    return this.cmd('GET', '/name');
  }
}

function toWire(arg) {
  return arg instanceof Element ? { [ELEMENT_KEY]: arg.id } : arg;
}
