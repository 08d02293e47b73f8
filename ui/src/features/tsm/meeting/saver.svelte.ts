// Saving a live meeting as it is typed: one queue per entity (a pupil, an action, the attendee
// list, …) that debounces typing, sends at once for clicks, and never has two saves of the same
// entity in flight. A change made while a save is in flight is sent after that save returns, and
// only the latest change is sent: a task reads the entity's current draft when it runs, so an
// older value can never be sent after a newer one. A failed save keeps its task (the draft stays
// as typed), shows the failure and is retried.
import type { AppError } from '../../../api';
import { appErrorOf } from '../../../lib/errors';

/** Sends one entity's current draft; rejects with the `call` error when the save fails. */
export type SaveTask = () => Promise<unknown>;

export type SaverOptions = {
  /** Milliseconds after the last keystroke before typed text is sent. */
  delay?: number;
  /** Milliseconds before a failed save is tried again on its own (0: only by `retry`). */
  retryDelay?: number;
};

type Slot = {
  /** The change not yet sent: the latest task for this entity. */
  task: SaveTask | null;
  /** The debounce timer of a typed change. */
  timer: ReturnType<typeof setTimeout> | null;
  /** The running save loop, while a save of this entity is in flight. */
  running: Promise<void> | null;
  retryTimer: ReturnType<typeof setTimeout> | null;
};

/** What a failed save says to the worker: the fields' own messages for a refused value. */
export function failureText(error: AppError): string {
  if (error.kind === 'validation' && error.fields.length > 0) {
    const messages = error.fields.map((f) => f.message);
    return messages.filter((message, index) => messages.indexOf(message) === index).join('; ');
  }
  return error.message;
}

/** Failures that another try cannot fix: the worker has to change something first. */
const NEEDS_THE_WORKER: ReadonlySet<AppError['kind']> = new Set(['validation', 'conflict', 'not_found']);

export class Saver {
  /** Entities with a change not yet saved (waiting, in flight or failed): the `data-pending` hook. */
  pending = $state(0);
  /** The last failure of each entity whose latest change is not saved, by key. */
  failures = $state<Record<string, AppError>>({});

  readonly delay: number;
  readonly retryDelay: number;
  // Timers and promises, never rendered: a reactive SvelteMap would only proxy them.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #slots = new Map<string, Slot>();
  /** Other changes in flight (a pupil or action added or removed, the meeting finished, …). */
  #tracked = 0;
  #disposed = false;

  constructor({ delay = 200, retryDelay = 5000 }: SaverOptions = {}) {
    this.delay = delay;
    this.retryDelay = retryDelay;
  }

  /** The first failure still standing, for the save indicator. */
  get failure(): AppError | null {
    return Object.values(this.failures)[0] ?? null;
  }

  /** A typed change: sent `delay` ms after the last change for this key (or on `flush`). */
  change(key: string, task: SaveTask): void {
    const slot = this.#slot(key);
    slot.task = task;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.timer = null;
      void this.#run(key);
    }, this.delay);
    this.#count();
  }

  /** A change saved at once (a checkbox, a radio, a select, a row added or removed). */
  now(key: string, task: SaveTask): Promise<void> {
    const slot = this.#slot(key);
    slot.task = task;
    return this.flush(key);
  }

  /** Sends this key's waiting change now (the field lost focus); resolves when it has gone. */
  flush(key: string): Promise<void> {
    const slot = this.#slots.get(key);
    if (!slot) return Promise.resolve();
    if (slot.timer !== null) {
      clearTimeout(slot.timer);
      slot.timer = null;
    }
    return this.#run(key);
  }

  /** Sends every waiting change now and resolves when all saves have returned (or failed). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.#slots.keys()].map((key) => this.flush(key)));
  }

  /**
   * Counts a change made outside the queue (adding or removing a pupil or an action) as pending
   * while it is in flight. Its failure is the caller's to show: it is not retried.
   */
  async track<T>(work: Promise<T>): Promise<T> {
    this.#tracked += 1;
    this.#count();
    try {
      return await work;
    } finally {
      this.#tracked -= 1;
      this.#count();
    }
  }

  /** Tries every failed save again. */
  retry(): Promise<void> {
    return Promise.all(Object.keys(this.failures).map((key) => this.flush(key))).then(() => undefined);
  }

  /** True while this key has a change that is not saved yet (waiting, in flight or failed). */
  dirty(key: string): boolean {
    const slot = this.#slots.get(key);
    return !!slot && (slot.task !== null || slot.running !== null);
  }

  /** Drops a key whose entity is gone (removed): its waiting change and failure go with it. */
  forget(key: string): void {
    const slot = this.#slots.get(key);
    if (slot) {
      this.#clearTimers(slot);
      slot.task = null;
      if (slot.running === null) this.#slots.delete(key);
    }
    this.#clearFailure(key);
    this.#count();
  }

  /** The screen is going: send what is waiting, once, and stop retrying on a timer. */
  dispose(): Promise<void> {
    const flushed = this.flushAll();
    this.#disposed = true;
    for (const slot of this.#slots.values()) {
      if (slot.retryTimer !== null) clearTimeout(slot.retryTimer);
      slot.retryTimer = null;
    }
    return flushed;
  }

  #slot(key: string): Slot {
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = { task: null, timer: null, running: null, retryTimer: null };
      this.#slots.set(key, slot);
    }
    if (slot.retryTimer !== null) {
      clearTimeout(slot.retryTimer);
      slot.retryTimer = null;
    }
    return slot;
  }

  #run(key: string): Promise<void> {
    const slot = this.#slots.get(key);
    if (!slot) return Promise.resolve();
    // One save per entity in flight: the running loop sends the latest task when it returns.
    if (slot.running === null && slot.task !== null) {
      slot.running = this.#drain(key, slot);
      this.#count();
    }
    return slot.running ?? Promise.resolve();
  }

  async #drain(key: string, slot: Slot): Promise<void> {
    try {
      // A task still debouncing (timer set) waits for its timer rather than going now.
      while (slot.task !== null && slot.timer === null) {
        const task = slot.task;
        slot.task = null;
        try {
          await task();
          if (slot.task === null) this.#clearFailure(key);
        } catch (e) {
          // Keep the change to send again, unless a newer one arrived meanwhile.
          if (slot.task === null) slot.task = task;
          this.failures[key] = appErrorOf(e);
          this.#scheduleRetry(key, slot);
          break;
        }
      }
    } finally {
      slot.running = null;
      if (slot.task === null && slot.timer === null && !(key in this.failures)) this.#slots.delete(key);
      this.#count();
    }
  }

  #scheduleRetry(key: string, slot: Slot): void {
    const kind = this.failures[key]?.kind;
    if (this.#disposed || this.retryDelay <= 0 || (kind && NEEDS_THE_WORKER.has(kind))) return;
    if (slot.retryTimer !== null) clearTimeout(slot.retryTimer);
    slot.retryTimer = setTimeout(() => {
      slot.retryTimer = null;
      if (this.#slots.get(key) === slot && slot.timer === null) void this.#run(key);
    }, this.retryDelay);
  }

  #clearTimers(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    if (slot.retryTimer !== null) clearTimeout(slot.retryTimer);
    slot.timer = null;
    slot.retryTimer = null;
  }

  #clearFailure(key: string): void {
    if (key in this.failures) delete this.failures[key];
  }

  #count(): void {
    let n = this.#tracked;
    for (const slot of this.#slots.values()) if (slot.task !== null || slot.running !== null) n += 1;
    this.pending = n;
  }
}
