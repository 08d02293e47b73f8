//! Finding the app's process under our tauri-driver, and telling whether a process still lives,
//! from /proc (Linux only, like the rest of the e2e run).

import fs from 'node:fs';
import { paths } from './driver.mjs';

export function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function parentOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

function descendsFrom(pid, ancestor) {
  for (let p = pid, hops = 0; p > 1 && hops < 32; p = parentOf(p), hops++) {
    if (p === ancestor) return true;
  }
  return false;
}

/** Live processes running the app binary, below our tauri-driver when we know its pid. */
export function appPids(driverPid) {
  const target = fs.realpathSync(paths.app);
  const found = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let exe;
    try {
      exe = fs.readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
    } catch {
      continue;
    }
    if (exe !== target || !isAlive(pid)) continue;
    if (driverPid && !descendsFrom(pid, driverPid)) continue;
    found.push(pid);
  }
  return found.length ? found : undefined;
}
