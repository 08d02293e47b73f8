// Turns a failed command into what a screen shows: an error summary list and inline field messages.
// Messages come from the server; the UI only decides where they go (by `kind` and field name).
import { CommandError, type AppError } from '../api';
import { router } from './router.svelte';

export type SummaryItem = { text: string; href?: string };
export type FormErrors = { items: SummaryItem[]; fields: Record<string, string> };

export const NO_ERRORS: FormErrors = { items: [], fields: {} };

export type ErrorPlacement = {
  /** Field name → id of the element the summary link should focus. */
  anchors?: Record<string, string>;
  /** Error kinds that belong to one field (e.g. `wrong_passphrase` → `passphrase`). */
  kindFields?: Partial<Record<AppError['kind'], string>>;
};

const FALLBACK_MESSAGE = 'Something went wrong. Try again, and if it keeps happening restart Caseload.';

export function appErrorOf(e: unknown): AppError {
  return e instanceof CommandError ? e.error : { kind: 'storage', message: FALLBACK_MESSAGE };
}

/**
 * Sends the worker to the screen an error calls for (`locked` → unlock, `not_initialised` → set-up).
 * Returns true when it navigated, so the caller shows nothing more.
 */
export function redirectFor(error: AppError): boolean {
  if (error.kind === 'locked') {
    router.go({ name: 'unlock' });
    return true;
  }
  if (error.kind === 'not_initialised') {
    router.go({ name: 'setup' });
    return true;
  }
  return false;
}

export function formErrorsFrom(error: AppError, placement: ErrorPlacement = {}): FormErrors {
  const anchors = placement.anchors ?? {};
  const link = (field: string): string | undefined => (field in anchors ? `#${anchors[field]}` : undefined);

  if (error.kind === 'validation' && error.fields.length > 0) {
    const fields: Record<string, string> = {};
    const items: SummaryItem[] = [];
    for (const { field, message } of error.fields) {
      if (!(field in fields)) fields[field] = message;
      items.push({ text: message, href: link(field) });
    }
    return { items, fields };
  }
  const field = placement.kindFields?.[error.kind];
  if (field !== undefined) {
    return { items: [{ text: error.message, href: link(field) }], fields: { [field]: error.message } };
  }
  return { items: [{ text: error.message }], fields: {} };
}
