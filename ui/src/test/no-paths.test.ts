// @vitest-environment node
// The webview names no paths (#14): read off the generated bindings, no request type of any
// command (nor any type it contains) has a field that is a place on disk, and the webview never
// imports the dialog plugin: the backend opens every file, save and folder dialog.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('..', import.meta.url));
const bindings = readFileSync(join(srcDir, 'api', 'bindings.ts'), 'utf8');

/** Field names that say "a place on disk". */
const PATHLIKE = new Set(['path', 'dir', 'folder', 'share', 'file', 'out', 'directory', 'filename', 'file_name']);

/** Every declared type: name → body, doc comments removed. */
function declarations(ts: string): Map<string, string> {
  const out = new Map<string, string>();
  const clean = ts.replace(/\/\*\*[\s\S]*?\*\//g, '');
  for (const m of clean.matchAll(/^export type (\w+) = ([\s\S]*?);\n\n/gm)) out.set(m[1], m[2]);
  return out;
}

/** The request type of each command, from the `Commands` map. */
function requestTypes(ts: string): string[] {
  const map = ts.slice(ts.indexOf('export interface Commands {'));
  return [...map.matchAll(/^ {2}\w+: \{ request: ([^,]+), response:/gm)].map((m) => m[1].trim());
}

/** The named types a type expression mentions. */
function mentioned(expr: string): string[] {
  return [...expr.matchAll(/\b([A-Z]\w*)\b/g)].map((m) => m[1]);
}

/** Every `Type.field` reachable from the request types that names a place on disk. */
function pathFields(ts: string): string[] {
  const decls = declarations(ts);
  const seen = new Set<string>();
  const queue = requestTypes(ts).flatMap(mentioned);
  const found: string[] = [];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    const body = decls.get(name);
    if (body === undefined || seen.has(name)) continue;
    seen.add(name);
    for (const m of body.matchAll(/(?:^|[{,]\s*|\|\s*\{\s*)"?(\w+)"?\??:/g)) {
      const field = `${name}.${m[1]}`;
      if (PATHLIKE.has(m[1])) found.push(field);
    }
    queue.push(...mentioned(body));
  }
  return found.sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('the webview names no paths', () => {
  it('reads every command and its request type', () => {
    const requests = requestTypes(bindings);
    expect(requests).toContain('TsmRecordSaveRequest');
    expect(requests).toContain('ImportRequest');
    expect(requests.length).toBeGreaterThan(50);
  });

  it('finds a path field in a request shaped as the old ones were', () => {
    const old = `export type TsmRecordSaveRequest = { id: TsmId, format: string, dir?: string, path?: string, };

export type SyncRequest = { share?: string, due_only?: boolean, };

export interface Commands {
  tsm_record_save: { request: TsmRecordSaveRequest, response: SavedFile },
  sync: { request: SyncRequest, response: SyncReport },
}
`;
    expect(pathFields(old)).toEqual(['SyncRequest.share', 'TsmRecordSaveRequest.dir', 'TsmRecordSaveRequest.path']);
  });

  it('has no request type with a path, folder, share, file or out field', () => {
    expect(pathFields(bindings)).toEqual([]);
  });

  it('never imports the dialog plugin: the backend opens every dialog', () => {
    const offenders = sourceFiles(srcDir).filter((p) => readFileSync(p, 'utf8').includes('plugin-dialog'));
    expect(offenders).toEqual([]);
  });
});
