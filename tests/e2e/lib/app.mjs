//! The Caseload e2e helpers every spec imports: the Harness (harness.mjs: tauri-driver, app
//! start/quit, story steps, the axe-core tally, the `caseload` CLI) and the App page driver
//! (page.mjs: form helpers keyed by the UI's element ids, focus, axe scans, screenshots).

export { Harness, PASSPHRASE, TITLES, WRONG_PASSPHRASE } from './harness.mjs';
export { App } from './page.mjs';
