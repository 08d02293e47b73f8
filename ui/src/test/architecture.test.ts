// @vitest-environment node
// House rules that can be read off the source tree: Tauri stays behind src/api, no personal data
// goes to webview storage or the console, and nothing would break the strict CSP.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(srcDir).map((path) => ({
  path: relative(srcDir, path).split(sep).join('/'),
  text: readFileSync(path, 'utf8'),
}));

describe('source tree rules', () => {
  it('finds the source files it checks', () => {
    expect(files.map((f) => f.path)).toContain('api/index.ts');
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports @tauri-apps only from src/api', () => {
    const offenders = files
      .filter((f) => !f.path.startsWith('api/'))
      .filter((f) => /['"]@tauri-apps\//.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('never touches localStorage, sessionStorage or the console', () => {
    const offenders = files
      .filter((f) => /\b(localStorage|sessionStorage|indexedDB|console\.)/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('uses no inline style attributes, style: directives or <style> blocks (strict CSP)', () => {
    const offenders = files
      .filter((f) => f.path.endsWith('.svelte'))
      .filter((f) => /\sstyle=|\sstyle:|<style[\s>]/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('asks for dates with the GOV.UK date input, never a native date or time picker', () => {
    const offenders = files
      .filter((f) => f.path.endsWith('.svelte'))
      .filter((f) => /type=["']?(date|datetime-local|time|month|week)\b/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('formats dates for display only in lib/format.ts, never by the system locale', () => {
    const offenders = files
      .filter((f) => f.path !== 'lib/format.ts')
      .filter((f) => /toLocale(Date|Time)String\(|toLocaleString\(\)|Intl\.DateTimeFormat/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('writes no example date of its own: date errors take DATE_EXAMPLE from the server', () => {
    const offenders = files
      .filter((f) => f.path !== 'api/bindings.ts')
      .filter((f) => /like \d{1,4}[-/ .]\d{1,2}[-/ .]\d{1,4}/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('loads and acts through Resource and FormSubmission, never a try/catch in a component', () => {
    // A script's `try {` or `catch (` / `catch {` (text such as "Next try {date}" in markup is not code).
    const scriptOf = (text: string) =>
      [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
    const offenders = files
      .filter((f) => f.path.endsWith('.svelte'))
      .filter((f) => /\btry\s*\{|\bcatch\s*[({]/.test(scriptOf(f.text)))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['lib/resource.svelte.ts', 'lib/form.svelte.ts']));
  });

  it('never evaluates strings as code', () => {
    const offenders = files.filter((f) => /\beval\(|new Function\(/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
