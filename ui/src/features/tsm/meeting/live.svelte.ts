// The meeting being recorded live: the TsmView the server last returned, the worker's drafts of
// every editable field, and the commands that change the meeting. Every command goes through one
// queue, so responses arrive in the order the changes were made and each returned view is the
// newest; a returned view refreshes only the drafts that have no unsaved change (what is being
// typed is never overwritten). Drafts are the fields' working copies, not a second record: they
// are rebuilt from each view and exist only while the screen is open.
import {
  call,
  type Attendee,
  type Barrier,
  type CaseId,
  type Commands,
  type DiscussionId,
  type DiscussionView,
  type OwnerAgency,
  type ReviewOutcome,
  type SavedFile,
  type RecordFormat,
  type TsmActionId,
  type TsmActionView,
  type TsmView,
} from '../../../api';
import { todayInLondon } from '../../../lib/format';
import { isoDate } from './dates';
import { Saver } from './saver.svelte';

export type PupilDraft = { name: string; barriers: Barrier[]; has_plan: boolean | null; notes: string };

export type ActionDraft = {
  what: string;
  owner_agency: OwnerAgency;
  owner_person: string;
  lead_practitioner: string;
  due_on: string;
};

type ViewCommand = {
  [K in keyof Commands]: Commands[K]['response'] extends TsmView ? K : never;
}[keyof Commands];

/** Save-queue keys, one per entity. Ids are numbers on the wire; keys are their text. */
export const keys = {
  date: 'date',
  attendees: 'attendees',
  pupil: (id: DiscussionId | string) => `pupil-${id}`,
  action: (id: TsmActionId | string) => `action-${id}`,
  review: (id: TsmActionId | string) => `review-${id}`,
};

/** The ids of `items` as text: which discussions or actions a view held before a change. */
function idsOf(items: readonly { id: DiscussionId | TsmActionId }[] = []): ReadonlySet<string> {
  return new Set(items.map((item) => String(item.id)));
}

function pupilDraft(d: DiscussionView): PupilDraft {
  return { name: d.name, barriers: [...d.barriers], has_plan: d.has_plan, notes: d.notes };
}

function actionDraft(a: TsmActionView): ActionDraft {
  return {
    what: a.what,
    owner_agency: a.owner_agency,
    owner_person: a.owner_person,
    lead_practitioner: a.lead_practitioner,
    due_on: a.due_on,
  };
}

/** Copies `from` into `into` field by field, so unchanged fields are left alone. */
function refresh<T extends Record<string, unknown>>(into: T, from: T): void {
  for (const field of Object.keys(from) as (keyof T)[]) {
    const value = from[field];
    const same = Array.isArray(value)
      ? Array.isArray(into[field]) && (into[field] as unknown[]).join('\n') === value.join('\n')
      : into[field] === value;
    if (!same) into[field] = value;
  }
}

export class LiveMeeting {
  view = $state<TsmView | null>(null);
  date = $state('');
  attendees = $state<Attendee[]>([]);
  pupils = $state<Record<string, PupilDraft>>({});
  actions = $state<Record<string, ActionDraft>>({});
  reviews = $state<Record<string, ReviewOutcome | ''>>({});
  readonly saver: Saver;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(saver: Saver = new Saver()) {
    this.saver = saver;
  }

  get finished(): boolean {
    return this.view?.status === 'finished';
  }

  get id(): string {
    if (!this.view) throw new Error('The meeting has not been loaded');
    return this.view.id;
  }

  /** Opens the meeting; resolves to its view (also held in `view`). */
  load(id: string): Promise<TsmView> {
    return this.#update('tsm_get', { id });
  }

  // ---- saved as typed (through the save queue) ----

  /** Saves the meeting date; a blank or unreadable date is not sent (the field says why). */
  dateChanged(): Promise<void> {
    const date = isoDate(this.date);
    if (!date || (date === this.view?.meeting_date && !this.saver.dirty(keys.date))) return Promise.resolve();
    return this.saver.now(keys.date, () => this.#update('tsm_date_set', { id: this.id, meeting_date: date }));
  }

  /** The attendee list changed: `at once` for rows added or removed, debounced for typing. */
  attendeesChanged(atOnce = false): Promise<void> | void {
    const task = () =>
      this.#update('tsm_attendees_set', { id: this.id, attendees: this.attendees.map((a) => ({ ...a })) });
    if (atOnce) return this.saver.now(keys.attendees, task);
    this.saver.change(keys.attendees, task);
  }

  pupilChanged(id: DiscussionId, atOnce = false): Promise<void> | void {
    const task = () => {
      const draft = this.pupils[String(id)];
      if (!draft) return Promise.resolve();
      return this.#update('tsm_pupil_update', {
        discussion_id: id,
        name: draft.name,
        barriers: [...draft.barriers],
        has_plan: draft.has_plan,
        notes: draft.notes,
      });
    };
    if (atOnce) return this.saver.now(keys.pupil(id), task);
    this.saver.change(keys.pupil(id), task);
  }

  actionChanged(id: TsmActionId, atOnce = false): Promise<void> | void {
    const task = () => {
      const draft = this.actions[String(id)];
      if (!draft) return Promise.resolve();
      // An unreadable due date keeps the saved one, so the rest of the action still saves.
      const saved = this.#allActions(this.view).find((a) => String(a.id) === String(id))?.due_on ?? '';
      return this.#update('tsm_action_update', { action_id: id, ...draft, due_on: isoDate(draft.due_on) ?? saved });
    };
    if (atOnce) return this.saver.now(keys.action(id), task);
    this.saver.change(keys.action(id), task);
  }

  /** Marks an action carried in from an earlier meeting, dated today. */
  review(id: TsmActionId, outcome: ReviewOutcome): Promise<void> {
    this.reviews[String(id)] = outcome;
    return this.saver.now(keys.review(id), () =>
      this.#update('tsm_action_review', { action_id: id, outcome, at_meeting: this.id, on: todayInLondon() }),
    );
  }

  // ---- structural changes (sent at once; the caller shows their errors) ----

  /** Adds a pupil from the preparation pack; resolves to the new discussion's id. */
  async discussCase(caseId: CaseId): Promise<DiscussionId | null> {
    const view = await this.#changed('tsm_pupil_add', { id: this.id, case_id: caseId });
    return view.discussions.find((d) => d.case_id === caseId)?.id ?? null;
  }

  /** Adds a pupil not on the caseload; resolves to the new discussion's id. */
  async discussPupil(name: string, upn: string, yearGroup: string): Promise<DiscussionId | null> {
    const before = idsOf(this.view?.discussions);
    const view = await this.#changed('tsm_pupil_add', {
      id: this.id,
      name,
      ...(upn.trim() ? { upn } : {}),
      ...(yearGroup.trim() ? { year_group: yearGroup } : {}),
    });
    return view.discussions.find((d) => !before.has(String(d.id)))?.id ?? null;
  }

  /**
   * Adds a pupil known only from imported attendance data, by UPN (the worker types the name in
   * the discussion afterwards); resolves to the new discussion's id.
   */
  async discussImported(upn: string): Promise<DiscussionId | null> {
    const before = idsOf(this.view?.discussions);
    const view = await this.#changed('tsm_pupil_add', { id: this.id, upn });
    const added =
      view.discussions.find((d) => !before.has(String(d.id))) ?? view.discussions.find((d) => d.upn === upn);
    return added?.id ?? null;
  }

  async removePupil(id: DiscussionId): Promise<void> {
    const discussion = this.view?.discussions.find((d) => String(d.id) === String(id));
    this.saver.forget(keys.pupil(id));
    for (const a of discussion?.actions ?? []) this.saver.forget(keys.action(a.id));
    await this.#changed('tsm_pupil_remove', { discussion_id: id });
  }

  /** Adds an empty action for a pupil (or, without one, for the school); resolves to its id. */
  async addAction(discussionId?: DiscussionId): Promise<TsmActionId | null> {
    const before = idsOf(this.#allActions(this.view));
    const view = await this.#changed('tsm_action_add', {
      id: this.id,
      ...(discussionId === undefined ? {} : { discussion_id: discussionId }),
    });
    return this.#allActions(view).find((a) => !before.has(String(a.id)))?.id ?? null;
  }

  async removeAction(id: TsmActionId): Promise<void> {
    this.saver.forget(keys.action(id));
    await this.#changed('tsm_action_remove', { action_id: id });
  }

  async refer(id: DiscussionId, dateOfBirth: string, upn: string, yearGroup: string): Promise<void> {
    await this.saver.flush(keys.pupil(id));
    await this.#changed('tsm_refer', { discussion_id: id, date_of_birth: dateOfBirth, upn, year_group: yearGroup });
  }

  /**
   * Sends every waiting change first, so the finish sees everything typed. Resolves false, and
   * does not finish, while a change cannot be saved: the record would be fixed without it.
   */
  async finish(): Promise<boolean> {
    await this.saver.flushAll();
    if (this.saver.failure) return false;
    await this.#changed('tsm_finish', { id: this.id });
    return true;
  }

  /** Saves the record where the worker chooses in the backend's save dialog; `null` if cancelled. */
  async saveRecord(format: RecordFormat): Promise<SavedFile | null> {
    await this.saver.flushAll();
    return this.saver.track(this.#queued(() => call('tsm_record_save', { id: this.id, format })));
  }

  // ---- the queue and the drafts ----

  #queued<T>(run: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** A structural change: sent through the queue and counted as pending while in flight. */
  #changed<K extends ViewCommand>(name: K, request: Commands[K]['request']): Promise<TsmView> {
    return this.saver.track(this.#update(name, request));
  }

  #update<K extends ViewCommand>(name: K, request: Commands[K]['request']): Promise<TsmView> {
    return this.#queued(async () => {
      const view = (await call(name, request)) as TsmView;
      this.#apply(view);
      return view;
    });
  }

  #allActions(view: TsmView | null): TsmActionView[] {
    if (!view) return [];
    return [...view.discussions.flatMap((d) => d.actions), ...view.general_actions];
  }

  #apply(view: TsmView): void {
    this.view = view;
    const saver = this.saver;
    if (!saver.dirty(keys.date)) this.date = view.meeting_date;
    if (!saver.dirty(keys.attendees)) {
      const same = JSON.stringify(view.attendees) === JSON.stringify(this.attendees);
      if (!same) this.attendees = view.attendees.map((a) => ({ ...a }));
    }
    const seenPupils = idsOf(view.discussions);
    for (const d of view.discussions) {
      const id = String(d.id);
      const draft = this.pupils[id];
      if (!draft) this.pupils[id] = pupilDraft(d);
      else if (!saver.dirty(keys.pupil(id))) refresh(draft, pupilDraft(d));
    }
    for (const id of Object.keys(this.pupils)) if (!seenPupils.has(id)) delete this.pupils[id];

    const actions = this.#allActions(view);
    const seenActions = idsOf(actions);
    for (const a of actions) {
      const id = String(a.id);
      const draft = this.actions[id];
      if (!draft) this.actions[id] = actionDraft(a);
      else if (!saver.dirty(keys.action(id))) refresh(draft, actionDraft(a));
    }
    for (const id of Object.keys(this.actions)) if (!seenActions.has(id)) delete this.actions[id];

    const reviews: Record<string, ReviewOutcome | ''> = {};
    for (const c of view.carried) {
      const id = String(c.action.id);
      reviews[id] = saver.dirty(keys.review(id)) ? (this.reviews[id] ?? '') : (c.review_here?.outcome ?? '');
    }
    this.reviews = reviews;
  }
}
