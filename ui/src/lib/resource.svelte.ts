// What a screen shows from the server: the current value, the error if the last ask failed, whether
// an ask is in flight, and a way to ask again. Every screen loads through this (or, for what the
// worker submits, through FormSubmission in form.svelte.ts) rather than writing its own try/catch.
//
// Stale answers are dropped: each ask is numbered, and an answer (or failure) that arrives after a
// later ask was made, or after `set` replaced the value, is ignored. So a slow answer to an older
// query never overwrites a newer one, and a value a later command returned is never overwritten by
// a load that started before it.
import type { AppError } from '../api';
import { appErrorOf, redirectFor, type SummaryItem } from './errors';

export type ResourceOptions = {
  /** Ask at once when made (the default), or wait for the first `refetch`. */
  load?: boolean;
};

export class Resource<T> {
  /** The latest answer; null until the first one arrives (or after `clear`). */
  value = $state.raw<T | null>(null);
  /** Why the latest ask failed; null after a success. `locked` and `not_initialised` never show: they navigate. */
  error = $state.raw<AppError | null>(null);
  /** True while an ask is in flight. */
  loading = $state(false);

  readonly #fetch: () => Promise<T>;
  #asked = 0;

  constructor(fetch: () => Promise<T>, { load = true }: ResourceOptions = {}) {
    this.#fetch = fetch;
    if (load) void this.refetch();
  }

  /** The error's message, for a one-line error; null when there is none. */
  get message(): string | null {
    return this.error?.message ?? null;
  }

  /** The error as an error summary's list. */
  get summary(): SummaryItem[] {
    return this.error ? [{ text: this.error.message }] : [];
  }

  /** Neither a value nor an error yet: the first answer is still coming. */
  get pending(): boolean {
    return this.value === null && this.error === null;
  }

  /**
   * Asks again (with `fetch` in place of the resource's own for this one ask, e.g. the latest query).
   * Resolves when this ask's answer is in, or when it has been overtaken by a later one.
   */
  refetch = async (fetch: () => Promise<T> = this.#fetch): Promise<void> => {
    const mine = ++this.#asked;
    this.loading = true;
    try {
      const value = await fetch();
      if (mine !== this.#asked) return;
      this.value = value;
      this.error = null;
    } catch (e) {
      if (mine !== this.#asked) return;
      const error = appErrorOf(e);
      if (!redirectFor(error)) this.error = error;
    } finally {
      if (mine === this.#asked) this.loading = false;
    }
  };

  /** Replaces the value with one a later command returned; any ask still in flight is ignored. */
  set(value: T): void {
    this.#asked++;
    this.value = value;
    this.error = null;
    this.loading = false;
  }

  /** Forgets the value and error (e.g. the query was emptied); any ask still in flight is ignored. */
  clear(): void {
    this.#asked++;
    this.value = null;
    this.error = null;
    this.loading = false;
  }
}
