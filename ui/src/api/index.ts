// The one door to the Rust side: every command goes through `call`, and this is the only module in
// ui/ that imports @tauri-apps/*. Rejections become a `CommandError` carrying the typed `AppError`,
// so screens branch on `error.kind`, never on message text.
import { invoke } from '@tauri-apps/api/core';
import type { AppError, ChosenFile, Commands, FilePurpose } from './bindings';

export * from './bindings';

export class CommandError extends Error {
  readonly error: AppError;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'CommandError';
    this.error = error;
  }

  get kind(): AppError['kind'] {
    return this.error.kind;
  }
}

function isAppError(value: unknown): value is AppError {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** Turns whatever a command rejected with into an `AppError` (unknown shapes become `storage`). */
export function toAppError(rejection: unknown): AppError {
  if (isAppError(rejection)) {
    const message = (rejection as { message?: unknown }).message;
    return { ...rejection, message: typeof message === 'string' ? message : String(message ?? '') };
  }
  return { kind: 'storage', message: String(rejection) };
}

export async function call<K extends keyof Commands>(
  name: K,
  request: Commands[K]['request'],
): Promise<Commands[K]['response']> {
  try {
    return await invoke<Commands[K]['response']>(name, { request });
  } catch (rejection) {
    throw new CommandError(toAppError(rejection));
  }
}

/** The event the desktop app sends when the caseload locks itself (idle, sleep, screen lock). */
export const LOCKED_EVENT = 'caseload-locked';

/**
 * Calls `handler` with the unlock screen's notice whenever the caseload locks itself. Outside the
 * desktop app (component tests, a plain browser) there is no such event and nothing happens.
 */
export async function onCaseloadLocked(handler: (notice: string | null) => void): Promise<() => void> {
  try {
    const { listen } = await import('@tauri-apps/api/event');
    return await listen<string | null>(LOCKED_EVENT, (event) => handler(event.payload ?? null));
  } catch {
    return () => {};
  }
}

/**
 * Tells the backend the worker is using the window (typing, pointing), so the idle lock waits.
 * Fire and forget: if it fails, the next command or input counts instead.
 */
export function reportActivity(): void {
  invoke('session_activity', { request: null }).catch(() => {});
}

/** Reloads the window to a clean page: every screen's state and every copy of a record goes. */
export function reloadWindow(): void {
  window.location.reload();
}

/**
 * Asks the backend to open the system's file chooser for a file to import or a backup to restore;
 * `null` if the worker closes it. The webview never sees or sends the path: it gets an opaque
 * token (passed back to the import or restore command) and the file's name to show.
 */
export async function chooseFile(purpose: FilePurpose): Promise<ChosenFile | null> {
  return call('file_choose', { purpose });
}

/**
 * Opens a document Caseload saved this session in the system's application for it. Only the
 * token of the saved file is sent: the webview never names a path to open.
 */
export async function openSavedFile(token: string): Promise<void> {
  await call('saved_file_open', { token });
}

/** Shows a document Caseload saved this session in the system's file manager (by its token). */
export async function revealSavedFile(token: string): Promise<void> {
  await call('saved_file_reveal', { token });
}
