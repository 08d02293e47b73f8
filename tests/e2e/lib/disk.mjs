//! Looking through files on disk for text that must not be there.

import fs from 'node:fs';
import path from 'node:path';

/** Each of `files` whose bytes contain one of `needles` (UTF-8 or UTF-16LE). */
export function filesContaining(files, needles) {
  const hits = [];
  for (const file of files) {
    let bytes;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      continue;
    }
    for (const needle of needles) {
      for (const [encoding, pattern] of [
        ['UTF-8', Buffer.from(needle, 'utf8')],
        ['UTF-16LE', Buffer.from(needle, 'utf16le')],
      ]) {
        if (bytes.includes(pattern)) hits.push(`${file} contains "${needle}" (${encoding})`);
      }
    }
  }
  return hits;
}

export function listFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
