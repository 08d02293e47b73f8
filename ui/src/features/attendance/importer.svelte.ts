// The one attendance import this screen runs (or, when it opens on one already running, watches):
// the import command is sent and, without waiting for it, `import_progress` is polled every
// 250 ms until the command settles. Progress is only shown, never trusted for the result: the
// command's own answer (or error) says how the import ended. A poll that fails is skipped — the
// next one, or the command's answer, tells the worker where things stand.
import {
  call,
  type AppError,
  type ChosenFile,
  type ImportKindView,
  type ImportProgress,
  type ImportView,
} from '../../api';
import { appErrorOf, redirectFor } from '../../lib/errors';

export const POLL_MS = 250;

export type ImportOutcome =
  | { kind: 'done'; view: ImportView }
  | { kind: 'cancelled' }
  /** The import refused the file, or could not be run; `importKind` and `file` are to retry it. */
  | { kind: 'failed'; error: AppError; importKind: ImportKindView; file: ChosenFile }
  /** An import this screen only watched (started before it opened) has ended, result unknown. */
  | { kind: 'stopped'; fileName: string };

export class ImportRun {
  running = $state(false);
  /** The file being imported, until the first progress report names it. */
  fileName = $state('');
  progress = $state<ImportProgress | null>(null);
  cancelling = $state(false);
  cancelError = $state<string | null>(null);
  outcome = $state<ImportOutcome | null>(null);

  /** Numbers each run, so the answers of one that has been left behind change nothing. */
  #run = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #polling = false;
  #watching = false;

  /**
   * Imports the file the worker chose in the backend's file chooser (by its token: the webview
   * never names a path) and resolves to how it ended (null when the error sent the worker to
   * another screen, or when another run replaced this one).
   */
  async start(kind: ImportKindView, file: ChosenFile): Promise<ImportOutcome | null> {
    if (this.running) return null;
    const run = this.#begin(file.name, null, false);
    const command = kind === 'marks' ? 'import_marks_file' : 'import_summary_file';
    const settled = call(command, { chosen: file.token });
    this.#timer = setInterval(() => void this.#poll(run), POLL_MS);
    let outcome: ImportOutcome | null;
    try {
      outcome = { kind: 'done', view: await settled };
    } catch (e) {
      const error = appErrorOf(e);
      if (error.kind === 'cancelled') outcome = { kind: 'cancelled' };
      else if (redirectFor(error)) outcome = null;
      else outcome = { kind: 'failed', error, importKind: kind, file };
    }
    if (run !== this.#run) return null;
    this.#end(outcome);
    return outcome;
  }

  /** Follows an import that was already running when the screen opened, until it ends. */
  watch(first: ImportProgress): Promise<void> {
    if (this.running) return Promise.resolve();
    const run = this.#begin(first.file_name, first, true);
    return new Promise((resolve) => {
      this.#timer = setInterval(async () => {
        if (await this.#poll(run)) resolve();
      }, POLL_MS);
    });
  }

  /** Asks the running import to stop; its command then answers "cancelled". */
  async cancel(): Promise<void> {
    if (!this.running || this.cancelling) return;
    this.cancelling = true;
    this.cancelError = null;
    try {
      await call('import_cancel', null);
    } catch (e) {
      const error = appErrorOf(e);
      this.cancelling = false;
      if (!redirectFor(error)) this.cancelError = error.message;
    }
  }

  /** Stops polling (the screen is closing); the import itself carries on. */
  dispose(): void {
    this.#run += 1;
    clearInterval(this.#timer);
  }

  #begin(fileName: string, progress: ImportProgress | null, watching: boolean): number {
    clearInterval(this.#timer);
    this.#run += 1;
    this.#watching = watching;
    this.running = true;
    this.fileName = fileName;
    this.progress = progress;
    this.cancelling = progress?.cancel_requested ?? false;
    this.cancelError = null;
    this.outcome = null;
    return this.#run;
  }

  #end(outcome: ImportOutcome | null): void {
    clearInterval(this.#timer);
    this.running = false;
    this.progress = null;
    this.cancelling = false;
    this.outcome = outcome;
  }

  /** One poll; true when a watched import has ended. Overlapping polls are skipped. */
  async #poll(run: number): Promise<boolean> {
    if (this.#polling) return false;
    this.#polling = true;
    try {
      const progress = await call('import_progress', null);
      if (run !== this.#run || !this.running) return run !== this.#run;
      if (progress) {
        this.progress = progress;
        this.fileName = progress.file_name;
        if (progress.cancel_requested) this.cancelling = true;
      } else if (this.#watching) {
        this.#end({ kind: 'stopped', fileName: this.fileName });
        return true;
      }
    } catch {
      // Skipped: the next poll or the import's own answer says where it stands.
    } finally {
      this.#polling = false;
    }
    return false;
  }
}
