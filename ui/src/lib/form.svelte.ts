// One form's submit, or one button's action: runs its work once at a time, and when the work fails
// places the server's messages as the form's errors (or sends the worker to unlock / set-up when the
// error calls for it). Screens use this for what the worker does and Resource (resource.svelte.ts)
// for what they load, never a try/catch of their own.
import type { AppError } from '../api';
import { appErrorOf, formErrorsFrom, NO_ERRORS, redirectFor, type ErrorPlacement, type FormErrors } from './errors';

export type SubmitOptions = ErrorPlacement & {
  /**
   * Sees a failure first (e.g. to clear a passphrase field). Returning true means it has dealt with
   * the error itself, so no redirect happens and no errors are shown.
   */
  onError?: (error: AppError) => boolean | void;
  /**
   * Places an error the field placement cannot (e.g. a meeting's finish problems, each a link to
   * the place it is about); null leaves it to the placement.
   */
  explain?: (error: AppError) => FormErrors | null;
};

/**
 * The work of a submit or a button. Work that refuses on its own account, with no command failing
 * (e.g. a change is not saved yet), resolves to the errors to show; otherwise it resolves to nothing.
 */
export type Work = () => Promise<void | FormErrors>;

export class FormSubmission {
  /** What the error summary and the fields show: replaced by each failure, cleared by a success. */
  errors = $state<FormErrors>(NO_ERRORS);
  busy = $state(false);

  readonly #action: Work;
  readonly #onError: SubmitOptions['onError'];
  readonly #explain: SubmitOptions['explain'];
  readonly #placement: ErrorPlacement;

  /**
   * `action` does the work and navigates on success (none: each `run` brings its own work, e.g. a
   * button that acts on one row); `options` say where its errors go.
   */
  constructor(action: Work = async () => {}, { onError, explain, ...placement }: SubmitOptions = {}) {
    this.#action = action;
    this.#onError = onError;
    this.#explain = explain;
    this.#placement = placement;
  }

  /** The form's `onsubmit` handler. */
  submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    await this.run();
  };

  /**
   * Runs the action as a submit would, without one (e.g. a report shown at once for its default
   * period), or `work` in its place (a button's action on one row). Nothing runs while busy.
   */
  run = async (work: Work = this.#action): Promise<void> => {
    if (this.busy) return;
    this.busy = true;
    try {
      this.errors = (await work()) ?? NO_ERRORS;
    } catch (e) {
      const error = appErrorOf(e);
      if (this.#onError?.(error) === true) return;
      if (!redirectFor(error)) this.errors = this.#explain?.(error) ?? formErrorsFrom(error, this.#placement);
    } finally {
      this.busy = false;
    }
  };
}
